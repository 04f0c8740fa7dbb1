package io.phyllome.host.core.transfer;

import java.util.List;

import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmSpec;

/** How the core creates a VM whose disks come from elsewhere than new, empty volumes. */
public interface VmCreator {

    /** Where the volumes of a new VM come from. */
    @FunctionalInterface
    interface DiskSource {
        /** The {@code index}th volume of VM {@code vmName}; on failure it leaves nothing. */
        Volume provide(String vmName, int index, DiskSpec disk);
    }

    /** The host a VM is created on: this one, or another that it moves to. */
    interface Host {
        HostCapabilities capabilities();

        boolean hasVm(String name);

        Domain define(DomainDefinition definition);

        /** Removes a volume that a failed creation provided. */
        void remove(Volume volume);
    }

    /**
     * Validates and defines {@code spec} on this host with volumes from {@code disks}, removing
     * them again if the creation fails; {@code findings} are reported with the new VM.
     */
    VmInfo create(VmSpec spec, DiskSource disks, List<String> findings);

    /** {@link #create} on another host. */
    VmInfo createOn(Host host, VmSpec spec, DiskSource disks, List<String> findings);
}
