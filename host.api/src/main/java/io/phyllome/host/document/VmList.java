package io.phyllome.host.document;

import java.util.List;

import io.phyllome.host.vm.VmSummary;

/** The VMs of this host ({@code vm:list}, {@code GET /api/v1/vms}). */
public record VmList(List<Vm> vms) implements Document {

    /** One VM; {@code profile} is empty for a VM not created by the platform. */
    public record Vm(String name, String state, String profile, boolean profileInstalled, long memoryBytes, int cpus) {

        public static Vm of(VmSummary v) {
            return new Vm(v.name(), v.state().toString(), v.profile(), v.profileInstalled(), v.memory().bytes(), v.cpus());
        }
    }

    public static VmList of(List<VmSummary> vms) {
        return new VmList(vms.stream().map(Vm::of).toList());
    }

    @Override
    public String kind() {
        return "vm-list";
    }
}
