package io.phyllome.host.libvirt.internal.domain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.phyllome.host.device.Channel;
import io.phyllome.host.device.DeviceSet;
import io.phyllome.host.device.DiskBus;
import io.phyllome.host.device.InputDevice;
import io.phyllome.host.device.Medium;
import io.phyllome.host.device.VideoModel;
import io.phyllome.host.device.SoundModel;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.VmSpec;

/** Turns a neutral {@link DomainDefinition} into libvirt's typed domain model. */
public final class DomainMapper {

    private DomainMapper() {
    }

    /**
     * @param kvm       whether the domain runs on KVM (else emulated by QEMU)
     * @param arch      the guest architecture
     * @param network   the libvirt network for the NIC, or {@code null} for user-mode networking
     * @param serialLog the host file that receives the guest's first serial port
     */
    public static DomainXml map(DomainDefinition definition, boolean kvm, String arch, String network, Path serialLog) {
        VmSpec spec = definition.spec();
        DeviceSet devices = definition.devices();
        List<DomainPart> parts = new ArrayList<>();
        Map<String, Integer> targets = new HashMap<>();
        boolean bootFromMedia = spec.installMedia().isPresent();

        // the profile's boot media (e.g. a boot loader) boot first, then the install medium, then the system disk
        List<Medium> bootMedia = devices.media().stream().filter(m -> m.bootOrder() > 0)
                .sorted(Comparator.comparingInt(Medium::bootOrder)).toList();
        int first = bootMedia.size();

        List<String> managedDisks = new ArrayList<>();
        for (Volume volume : definition.volumes()) {
            boolean system = managedDisks.isEmpty();
            managedDisks.add(volume.path());
            parts.add(new DiskXml(false, volume.path(), "qcow2", devices.diskBus(), nextTarget(targets, devices.diskBus()), false,
                    volume.secretUuid(), system ? first + (bootFromMedia ? 2 : 1) : 0));
        }
        spec.installMedia().ifPresent(iso -> parts.add(new DiskXml(true, iso.toString(), "raw", devices.cdromBus(),
                nextTarget(targets, devices.cdromBus()), true, null, first + 1)));
        for (Medium medium : devices.media()) {
            int boot = medium.bootOrder() > 0 ? indexOf(bootMedia, medium) + 1 : 0;
            // a disk whose writes are discarded is writable for the guest (SATA cannot be read-only)
            parts.add(new DiskXml(medium.cdrom(), medium.path().toString(), medium.format().name().toLowerCase(Locale.ROOT), medium.bus(),
                    nextTarget(targets, medium.bus()), !medium.discardWrites(), null, boot, medium.discardWrites()));
        }
        if (devices.usb()) {
            parts.add(new ControllerXml("usb", "qemu-xhci"));
        }
        parts.add(new InterfaceXml(spec.network().orElse(network), devices.nic()));
        parts.add(new SerialXml(serialLog.toString()));
        if (devices.channels().contains(Channel.GUEST_AGENT)) {
            parts.add(new ChannelXml(ChannelXml.GUEST_AGENT));
        }
        for (InputDevice input : devices.inputs()) {
            String type = switch (input.kind()) {
                case TABLET -> "tablet";
                case KEYBOARD -> "keyboard";
            };
            parts.add(new InputXml(type, input.usb() ? "usb" : "virtio"));
        }
        devices.tpm().ifPresent(tpm -> parts.add(new TpmXml(tpm)));
        if (devices.video() != VideoModel.NONE) {
            parts.add(new GraphicsXml());
        }
        if (devices.sound() != SoundModel.NONE) {
            parts.add(new SoundXml(devices.sound()));
        }
        if (devices.video() != VideoModel.NONE) {
            parts.add(new VideoXml(devices.video()));
        }
        parts.add(new MemballoonXml(devices.balloon()));
        if (devices.rng()) {
            parts.add(new RngXml());
        }

        String osinfo = definition.profile().osinfoIds().isEmpty() ? null : definition.profile().osinfoIds().get(0);
        return new DomainXml(kvm ? "kvm" : "qemu", spec.name(),
                new MetadataXml(osinfo, definition.profile().id(), spec.options(), managedDisks),
                spec.memory().orElseThrow().bytes() / 1024, spec.cpus(),
                new OsXml(arch, devices.qemuMachine(), devices.firmware(), spec.directBoot().orElse(null)),
                new FeaturesXml(devices.smm(), kvm ? devices.hyperV() : java.util.Set.of()),
                new CpuXml(devices.cpuMode(), devices.cpuModel().orElse(null), kvm, devices.oneCpuSocket() ? spec.cpus() : 0),
                new ClockXml(devices.clock(), kvm && !devices.hyperV().isEmpty()),
                parts, new QemuCommandLineXml(devices.qemuArguments()));
    }

    /** The position of {@code medium} itself (not an equal one) in {@code media}. */
    private static int indexOf(List<Medium> media, Medium medium) {
        for (int i = 0; i < media.size(); i++) {
            if (media.get(i) == medium) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a boot medium: " + medium);
    }

    private static String nextTarget(Map<String, Integer> used, DiskBus bus) {
        String prefix = bus == DiskBus.VIRTIO ? "vd" : "sd";
        int index = used.merge(prefix, 1, Integer::sum) - 1;
        return DiskXml.target(bus, index);
    }
}
