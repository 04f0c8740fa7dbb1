package io.phyllome.host.hypervisor;

import java.util.List;
import java.util.Objects;

import io.phyllome.host.device.CpuMode;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmState;

/**
 * A VM as the hypervisor defines it.
 *
 * @param profile     the profile id from the platform's metadata, or an empty string for a VM the
 *                    platform did not create
 * @param hostDevices the host devices passed through to it, e.g. {@code pci 0000:01:00.0} or
 *                    {@code usb 046d:c52b}
 * @param cpuMode     how its CPU is modelled; {@link CpuMode#DEFAULT} for a named model or none
 * @param bootFiles   the host files it boots directly: kernel, then initial ramdisk
 */
public record Domain(String name, String uuid, VmState state, String profile, ByteSize memory, int cpus,
        List<VmDisk> disks, List<String> hostDevices, CpuMode cpuMode, List<String> bootFiles) {

    public Domain {
        disks = List.copyOf(disks);
        hostDevices = List.copyOf(hostDevices);
        Objects.requireNonNull(cpuMode, "cpuMode");
        bootFiles = List.copyOf(bootFiles);
    }

    /** A VM with no host devices, the default CPU and no direct boot. */
    public Domain(String name, String uuid, VmState state, String profile, ByteSize memory, int cpus, List<VmDisk> disks) {
        this(name, uuid, state, profile, memory, cpus, disks, List.of(), CpuMode.DEFAULT, List.of());
    }
}
