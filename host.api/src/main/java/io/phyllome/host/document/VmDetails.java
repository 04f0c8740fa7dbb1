package io.phyllome.host.document;

import java.util.List;

import io.phyllome.host.vm.VmInfo;

/** One VM with its disks and what the user should know ({@code vm:info}, {@code GET /api/v1/vms/NAME}). */
public record VmDetails(String name, String uuid, String state, String profile, boolean profileInstalled, long memoryBytes, int cpus,
        List<Disk> disks, List<String> findings) implements Document {

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
}
