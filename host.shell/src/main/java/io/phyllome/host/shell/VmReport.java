package io.phyllome.host.shell;

import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmInfo;

/** The text {@code vm:info} prints. */
final class VmReport {

    private VmReport() {
    }

    static String of(VmInfo vm) {
        StringBuilder out = new StringBuilder();
        line(out, "name", vm.name());
        line(out, "uuid", vm.uuid());
        line(out, "state", vm.state().toString());
        line(out, "profile", vm.profile().isEmpty() ? "(none: not created by Phyllome)"
                : vm.profile() + (vm.profileInstalled() ? "" : " (not installed)"));
        line(out, "memory", vm.memory().toString());
        line(out, "cpus", Integer.toString(vm.cpus()));
        for (VmDisk disk : vm.disks()) {
            line(out, "disk " + disk.target(), disk.source() + (disk.readOnly() ? " (read-only)" : "")
                    + (disk.readOnly() ? "" : disk.encrypted() ? " (encrypted)" : " (NOT encrypted)"));
        }
        vm.findings().forEach(f -> out.append(f).append('\n'));
        return out.toString().stripTrailing();
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(String.format("%-10s %s%n", key + ":", value));
    }
}
