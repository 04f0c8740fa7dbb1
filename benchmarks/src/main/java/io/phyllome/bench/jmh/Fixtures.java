package io.phyllome.bench.jmh;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.util.converter.Converters;

import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DirectBoot;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmSpec;
import io.phyllome.profiles.linux.LinuxProfile;
import io.phyllome.profiles.windows.Windows11Profile;
import io.phyllome.profiles.windows.WindowsConfig;

/** Inputs of the micro-benchmarks: this kind of host (emulation only, OVMF, swtpm) and typical VMs. */
final class Fixtures {

    static final HostCapabilities HOST = new HostCapabilities("qemu:///system", "libvirt 9.0.0, QEMU 7.2.0", "x86_64", false,
            "the CPU does not advertise hardware virtualization (vmx or svm)", List.of("pc-i440fx-7.2", "pc-q35-7.2", "q35"), true, true, true,
            ByteSize.ofGiB(24), 2, Set.of(), "");

    static final LinuxProfile LINUX = new LinuxProfile();
    /** No virtio-win media on this host: the profile falls back to SATA and e1000e. */
    static final Windows11Profile WINDOWS_11 = new Windows11Profile(
            Converters.standardConverter().convert(Map.of("virtioWinIso", "/nonexistent/virtio-win.iso")).to(WindowsConfig.class));

    static final VmSpec LINUX_SPEC = VmSpec.builder("linux", "web1").memory(ByteSize.ofGiB(4)).cpus(2).disk(DiskSpec.of(ByteSize.ofGiB(25)))
            .directBoot(new DirectBoot(Path.of("/srv/boot/vmlinuz"), Path.of("/srv/boot/initrd.img"), "console=ttyS0 quiet")).build();
    static final VmSpec WINDOWS_SPEC = VmSpec.builder("windows-11", "desk1").memory(ByteSize.ofGiB(8)).cpus(2).disk(DiskSpec.of(ByteSize.ofGiB(64)))
            .installMedia(Path.of("/srv/iso/Win11_24H2_English_x64.iso")).build();

    private Fixtures() {
    }

    static ProfileContext context(VmSpec spec) {
        return ProfileContext.of(spec, HOST, name -> Optional.empty());
    }

    static DomainDefinition definition(GuestProfile profile, VmSpec spec) {
        DeviceSetBuilder devices = new DeviceSetBuilder();
        profile.contribute(context(spec), devices);
        Volume disk = new Volume("disks", spec.name() + "-0.qcow2", "/var/lib/phyllome/disks/" + spec.name() + "-0.qcow2",
                spec.disks().get(0).size(), new ByteSize(196_608), "3d5e7f10-2b4c-4d6e-8f90-a1b2c3d4e5f6");
        return new DomainDefinition(spec, profile.descriptor(), devices.build(), List.of(disk));
    }
}
