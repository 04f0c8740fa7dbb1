package io.phyllome.host.shell.format;

import io.phyllome.host.document.VmDetails;
import io.phyllome.host.document.VmLint;
import io.phyllome.host.document.VmList;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.PortabilityFinding;

/** The text forms of the VM documents. */
final class VmTexts {

    private VmTexts() {
    }

    static String list(VmList list) {
        Table table = new Table("NAME", "STATE", "PROFILE", ">MEMORY", ">CPUS");
        list.vms().forEach(v -> table.row(v.name(), v.state(), v.profileInstalled() || v.profile().isEmpty() ? v.profile() : v.profile() + "(missing)",
                new ByteSize(v.memoryBytes()), v.cpus()));
        return table.toString();
    }

    static String details(VmDetails vm) {
        StringBuilder out = new StringBuilder();
        line(out, "name", vm.name());
        line(out, "uuid", vm.uuid());
        line(out, "state", vm.state());
        line(out, "profile", vm.profile().isEmpty() ? "(none: not created by Phyllome)" : vm.profile() + (vm.profileInstalled() ? "" : " (not installed)"));
        line(out, "memory", new ByteSize(vm.memoryBytes()).toString());
        line(out, "cpus", Integer.toString(vm.cpus()));
        for (VmDetails.Disk disk : vm.disks()) {
            line(out, "disk " + disk.target(), disk.source() + (disk.readOnly() ? " (read-only)" : "")
                    + (disk.readOnly() ? "" : disk.encrypted() ? " (encrypted)" : " (NOT encrypted)"));
        }
        vm.findings().forEach(f -> out.append(f).append('\n'));
        return out.toString().stripTrailing();
    }

    /** One line a finding, {@code blocker: WHAT (WHY): FIX}, as {@link PortabilityFinding} writes it. */
    static String lint(VmLint lint) {
        if (lint.findings().isEmpty()) {
            return lint.vm() + ": nothing ties it to this host";
        }
        return String.join("\n", lint.findings().stream().map(f -> f.severity() + ": " + f.what() + " (" + f.why() + "): " + f.fix()).toList());
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(String.format("%-10s %s%n", key + ":", value));
    }
}
