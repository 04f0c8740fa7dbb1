package io.phyllome.host.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A VM as the platform knows it: read from the hypervisor's definition, which is the only store.
 *
 * @param name             the VM's name
 * @param uuid             the hypervisor's id of the VM
 * @param state            its run state
 * @param profile          the id of the profile it was created with, or an empty string if unknown
 * @param profileInstalled whether that profile's bundle is active on this host
 * @param memory           guest memory
 * @param cpus             virtual CPUs
 * @param disks            its disks, the system disk first
 * @param findings         what the user should know (warnings from creation, a missing profile)
 */
public record VmInfo(String name, String uuid, VmState state, String profile, boolean profileInstalled, ByteSize memory,
        int cpus, List<VmDisk> disks, List<String> findings) {

    public VmInfo {
        Objects.requireNonNull(name, "name");
        disks = List.copyOf(disks);
        findings = List.copyOf(findings);
    }

    /** This VM with {@code more} findings after its own. */
    public VmInfo withFindings(List<String> more) {
        List<String> all = new ArrayList<>(findings);
        all.addAll(more);
        return new VmInfo(name, uuid, state, profile, profileInstalled, memory, cpus, disks, all);
    }
}
