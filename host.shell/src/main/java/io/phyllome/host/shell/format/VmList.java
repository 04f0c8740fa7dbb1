package io.phyllome.host.shell.format;

import java.util.List;

import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmSummary;

/** What {@code vm:list} returns: the VMs of this host. */
public record VmList(List<Vm> vms) implements Output {

    /** One VM; {@code profile} is empty for a VM not created by the platform. */
    public record Vm(String name, String state, String profile, boolean profileInstalled, long memoryBytes, int cpus) {
    }

    public static VmList of(List<VmSummary> vms) {
        return new VmList(vms.stream().map(v -> new Vm(v.name(), v.state().toString(), v.profile(), v.profileInstalled(), v.memory().bytes(), v.cpus()))
                .toList());
    }

    @Override
    public String kind() {
        return "vm-list";
    }

    @Override
    public String text() {
        Table table = new Table("NAME", "STATE", "PROFILE", ">MEMORY", ">CPUS");
        vms.forEach(v -> table.row(v.name(), v.state(), v.profileInstalled() || v.profile().isEmpty() ? v.profile() : v.profile() + "(missing)",
                new ByteSize(v.memoryBytes()), v.cpus()));
        return table.toString();
    }
}
