package io.phyllome.host.device;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The virtual hardware a profile chose for one VM, independent of any hypervisor, and the
 * findings that come with it. Immutable; made by a {@link DeviceSetBuilder}.
 */
public final class DeviceSet {

    private final String qemuMachine;
    private final Firmware firmware;
    private final CpuMode cpuMode;
    private final boolean smm;
    private final Set<HyperVFeature> hyperV;
    private final ClockOffset clock;
    private final DiskBus diskBus;
    private final DiskBus cdromBus;
    private final NicModel nic;
    private final VideoModel video;
    private final SoundModel sound;
    private final Set<InputDevice> inputs;
    private final boolean usb;
    private final Tpm tpm;
    private final Set<Channel> channels;
    private final boolean rng;
    private final boolean balloon;
    private final List<Medium> media;
    private final List<Finding> findings;
    private final CpuModel cpuModel;
    private final boolean oneCpuSocket;
    private final List<String> qemuArguments;

    DeviceSet(DeviceSetBuilder b) {
        qemuMachine = b.qemuMachine;
        firmware = b.firmware;
        cpuMode = b.cpuMode;
        smm = b.smm;
        hyperV = Collections.unmodifiableSet(EnumSet.copyOf(b.hyperV));
        clock = b.clock;
        diskBus = b.diskBus;
        cdromBus = b.cdromBus;
        nic = b.nic;
        video = b.video;
        sound = b.sound;
        inputs = Collections.unmodifiableSet(EnumSet.copyOf(b.inputs));
        usb = b.usb || b.inputs.stream().anyMatch(InputDevice::usb);
        tpm = b.tpm;
        channels = Collections.unmodifiableSet(EnumSet.copyOf(b.channels));
        rng = b.rng;
        balloon = b.balloon;
        media = List.copyOf(b.media);
        findings = List.copyOf(b.findings);
        cpuModel = b.cpuModel;
        oneCpuSocket = b.oneCpuSocket;
        qemuArguments = List.copyOf(b.qemuArguments);
    }

    /** The QEMU machine type, e.g. {@code q35}: what a hypervisor other than QEMU maps to its own chipset. */
    public String qemuMachine() {
        return qemuMachine;
    }

    public Firmware firmware() {
        return firmware;
    }

    public CpuMode cpuMode() {
        return cpuMode;
    }

    /** A named CPU model that takes the place of {@link #cpuMode()}, if the profile chose one. */
    public Optional<CpuModel> cpuModel() {
        return Optional.ofNullable(cpuModel);
    }

    /** Whether the virtual CPUs are cores of one processor package rather than one package each. */
    public boolean oneCpuSocket() {
        return oneCpuSocket;
    }

    /** System Management Mode, required by Secure Boot firmware. */
    public boolean smm() {
        return smm;
    }

    /** Hyper-V enlightenments; empty unless KVM is usable. */
    public Set<HyperVFeature> hyperV() {
        return hyperV;
    }

    public ClockOffset clock() {
        return clock;
    }

    /** The bus of the VM's disks. */
    public DiskBus diskBus() {
        return diskBus;
    }

    /** The bus of the install medium. */
    public DiskBus cdromBus() {
        return cdromBus;
    }

    public NicModel nic() {
        return nic;
    }

    public VideoModel video() {
        return video;
    }

    public SoundModel sound() {
        return sound;
    }

    /** In the enum's order, so the same choice always renders the same definition. */
    public Set<InputDevice> inputs() {
        return inputs;
    }

    /** Whether the VM has a USB (xHCI) controller. */
    public boolean usb() {
        return usb;
    }

    public Optional<Tpm> tpm() {
        return Optional.ofNullable(tpm);
    }

    public Set<Channel> channels() {
        return channels;
    }

    /** A virtio RNG fed from the host's {@code /dev/urandom}. */
    public boolean rng() {
        return rng;
    }

    /** A virtio memory balloon (memory statistics, reclaim). */
    public boolean balloon() {
        return balloon;
    }

    /** Read-only media the profile adds, e.g. driver images. */
    public List<Medium> media() {
        return media;
    }

    /**
     * Arguments for the emulator's command line (QEMU syntax) for what the hypervisor has no
     * element for; empty for almost every profile.
     */
    public List<String> qemuArguments() {
        return qemuArguments;
    }

    public List<Finding> findings() {
        return findings;
    }
}
