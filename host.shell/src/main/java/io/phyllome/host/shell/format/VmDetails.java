package io.phyllome.host.shell.format;

import java.util.List;

import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmInfo;

/** What {@code vm:info} returns: one VM with its disks and what the user should know. */
public record VmDetails(String name, String uuid, String state, String profile, boolean profileInstalled, long memoryBytes, int cpus,
        List<Disk> disks, List<String> findings) implements Output {

    /** A disk or medium of the VM: its guest device, its file, how it is attached; never its key. */
    public record Disk(String target, String source, boolean readOnly, boolean encrypted, boolean managed) {
    }

    public static VmDetails of(VmInfo vm) {
        return new VmDetails(vm.name(), vm.uuid(), vm.state().toString(), vm.profile(), vm.profileInstalled(), vm.memory().bytes(), vm.cpus(),
                vm.disks().stream().map(d -> new Disk(d.target(), d.source(), d.readOnly(), d.encrypted(), d.managed())).toList(), vm.findings());
    }

    @Override
    public String kind() {
        return "vm-info";
    }

    @Override
    public String text() {
        StringBuilder out = new StringBuilder();
        line(out, "name", name);
        line(out, "uuid", uuid);
        line(out, "state", state);
        line(out, "profile", profile.isEmpty() ? "(none: not created by Phyllome)" : profile + (profileInstalled ? "" : " (not installed)"));
        line(out, "memory", new ByteSize(memoryBytes).toString());
        line(out, "cpus", Integer.toString(cpus));
        for (Disk disk : disks) {
            line(out, "disk " + disk.target(), disk.source() + (disk.readOnly() ? " (read-only)" : "")
                    + (disk.readOnly() ? "" : disk.encrypted() ? " (encrypted)" : " (NOT encrypted)"));
        }
        findings.forEach(f -> out.append(f).append('\n'));
        return out.toString().stripTrailing();
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(String.format("%-10s %s%n", key + ":", value));
    }
}
