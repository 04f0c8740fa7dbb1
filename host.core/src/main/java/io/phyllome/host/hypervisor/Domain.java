package io.phyllome.host.hypervisor;

import java.util.List;

import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmState;

/**
 * A VM as the hypervisor defines it.
 *
 * @param profile the profile id from the platform's metadata, or an empty string for a VM the
 *                platform did not create
 */
public record Domain(String name, String uuid, VmState state, String profile, ByteSize memory, int cpus,
        List<VmDisk> disks) {

    public Domain {
        disks = List.copyOf(disks);
    }
}
