package io.phyllome.host.hypervisor;

import java.util.List;
import java.util.Objects;

import io.phyllome.host.device.DeviceSet;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.VmSpec;

/**
 * Everything a hypervisor needs to define a VM.
 *
 * @param spec    the user's request with resources resolved (memory and CPUs set)
 * @param profile the profile that chose the devices
 * @param devices the chosen device set
 * @param volumes the VM's disks, in the order of {@link VmSpec#disks()}
 */
public record DomainDefinition(VmSpec spec, ProfileDescriptor profile, DeviceSet devices, List<Volume> volumes) {

    public DomainDefinition {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(devices, "devices");
        volumes = List.copyOf(volumes);
        if (spec.memory().isEmpty() || spec.cpus() < 1) {
            throw new IllegalArgumentException("resolve memory and CPUs before defining a domain");
        }
    }
}
