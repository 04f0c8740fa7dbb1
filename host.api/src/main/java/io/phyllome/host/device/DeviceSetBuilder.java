package io.phyllome.host.device;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Filled by a profile to choose a VM's hardware. It starts as a headless, virtio-first q35
 * machine with BIOS firmware, UTC clock and no optional devices; profiles change what their guest
 * needs.
 */
public final class DeviceSetBuilder {

    String qemuMachine = "q35";
    Firmware firmware = Firmware.legacyBios();
    CpuMode cpuMode = CpuMode.DEFAULT;
    boolean smm;
    final Set<HyperVFeature> hyperV = EnumSet.noneOf(HyperVFeature.class);
    ClockOffset clock = ClockOffset.UTC;
    DiskBus diskBus = DiskBus.VIRTIO;
    DiskBus cdromBus = DiskBus.SATA;
    NicModel nic = NicModel.VIRTIO;
    VideoModel video = VideoModel.NONE;
    SoundModel sound = SoundModel.NONE;
    final Set<InputDevice> inputs = EnumSet.noneOf(InputDevice.class);
    boolean usb;
    Tpm tpm;
    final Set<Channel> channels = EnumSet.noneOf(Channel.class);
    boolean rng;
    boolean balloon;
    final List<Medium> media = new ArrayList<>();
    final List<Finding> findings = new ArrayList<>();
    CpuModel cpuModel;
    boolean oneCpuSocket;
    final List<String> qemuArguments = new ArrayList<>();

    public DeviceSetBuilder qemuMachine(String machine) {
        this.qemuMachine = Objects.requireNonNull(machine, "machine");
        return this;
    }

    public DeviceSetBuilder firmware(Firmware firmware) {
        this.firmware = Objects.requireNonNull(firmware, "firmware");
        return this;
    }

    public DeviceSetBuilder cpu(CpuMode mode) {
        this.cpuMode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /**
     * A named CPU model, for guests that need a particular processor; it takes the place of the
     * {@linkplain #cpu(CpuMode) CPU mode}.
     */
    public DeviceSetBuilder cpu(CpuModel model) {
        this.cpuModel = Objects.requireNonNull(model, "model");
        return this;
    }

    /** Presents the virtual CPUs as cores of one processor package (some guests, e.g. macOS, expect one socket). */
    public DeviceSetBuilder oneCpuSocket(boolean on) {
        this.oneCpuSocket = on;
        return this;
    }

    /**
     * Appends arguments to the emulator's command line, in QEMU's syntax, for what a hypervisor has
     * no element for (e.g. {@code -device isa-applesmc,...}). The last resort: the adapter passes
     * them on unchecked, and they tie the VM to QEMU.
     */
    public DeviceSetBuilder qemuArguments(String... arguments) {
        for (String argument : arguments) {
            qemuArguments.add(Objects.requireNonNull(argument, "argument"));
        }
        return this;
    }

    public DeviceSetBuilder smm(boolean on) {
        this.smm = on;
        return this;
    }

    public DeviceSetBuilder hyperV(Set<HyperVFeature> features) {
        hyperV.addAll(features);
        return this;
    }

    public DeviceSetBuilder clock(ClockOffset offset) {
        this.clock = Objects.requireNonNull(offset, "offset");
        return this;
    }

    public DeviceSetBuilder diskBus(DiskBus bus) {
        this.diskBus = Objects.requireNonNull(bus, "bus");
        return this;
    }

    public DeviceSetBuilder cdromBus(DiskBus bus) {
        this.cdromBus = Objects.requireNonNull(bus, "bus");
        return this;
    }

    public DeviceSetBuilder nic(NicModel model) {
        this.nic = Objects.requireNonNull(model, "model");
        return this;
    }

    public DeviceSetBuilder video(VideoModel model) {
        this.video = Objects.requireNonNull(model, "model");
        return this;
    }

    public DeviceSetBuilder sound(SoundModel model) {
        this.sound = Objects.requireNonNull(model, "model");
        return this;
    }

    public DeviceSetBuilder input(InputDevice device) {
        inputs.add(Objects.requireNonNull(device, "device"));
        return this;
    }

    public DeviceSetBuilder usb(boolean on) {
        this.usb = on;
        return this;
    }

    public DeviceSetBuilder tpm(Tpm tpm) {
        this.tpm = tpm;
        return this;
    }

    public DeviceSetBuilder channel(Channel channel) {
        channels.add(Objects.requireNonNull(channel, "channel"));
        return this;
    }

    public DeviceSetBuilder rng(boolean on) {
        this.rng = on;
        return this;
    }

    public DeviceSetBuilder balloon(boolean on) {
        this.balloon = on;
        return this;
    }

    public DeviceSetBuilder medium(Medium medium) {
        media.add(Objects.requireNonNull(medium, "medium"));
        return this;
    }

    public DeviceSetBuilder finding(Finding.Severity severity, String message) {
        findings.add(new Finding(severity, message));
        return this;
    }

    public DeviceSetBuilder warn(String message) {
        return finding(Finding.Severity.WARNING, message);
    }

    public DeviceSet build() {
        return new DeviceSet(this);
    }
}
