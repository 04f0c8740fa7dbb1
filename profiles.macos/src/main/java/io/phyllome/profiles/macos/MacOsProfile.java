package io.phyllome.profiles.macos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.phyllome.host.device.ClockOffset;
import io.phyllome.host.device.CpuModel;
import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.device.DiskBus;
import io.phyllome.host.device.Finding;
import io.phyllome.host.device.Firmware;
import io.phyllome.host.device.InputDevice;
import io.phyllome.host.device.Medium;
import io.phyllome.host.device.NicModel;
import io.phyllome.host.device.SoundModel;
import io.phyllome.host.device.VideoModel;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.ProfileException;

/**
 * The device set every supported macOS release gets, after quickemu and OSX-KVM: q35 with UEFI
 * (no Secure Boot); the OpenCore image first to boot and the recovery image on the ICH9 AHCI
 * controller, with the guest's writes to them discarded; the system disk on virtio-blk; a virtio
 * NIC (vmxnet3 as an option); USB keyboard and tablet on xHCI; VMware SVGA (or VGA); HDA sound;
 * UTC clock; no TPM; a Haswell CPU that says GenuineIntel, with AVX2 and SSE4.2; and QEMU's
 * {@code isa-applesmc} device, which libvirt has no element for, on QEMU's command line.
 */
public abstract class MacOsProfile implements GuestProfile {

    /** The VM option with the OpenCore image's absolute path ({@code vm:create --options opencore=PATH}). */
    public static final String OPENCORE_OPTION = "opencore";
    /** The VM option with the recovery image's absolute path ({@code vm:create --options recovery=PATH}). */
    public static final String RECOVERY_OPTION = "recovery";
    /** The VM option choosing the NIC: {@code virtio} (default) or {@code vmxnet3}. */
    public static final String NIC_OPTION = "nic";
    /** The VM option choosing the display adapter: {@code vmvga} (VMware SVGA, default) or {@code vga}. */
    public static final String VIDEO_OPTION = "video";
    /** The Apple SMC key's name in the media library, when it is not configured. */
    public static final String OSK_MEDIUM = "apple-smc.key";

    /**
     * The CPU macOS gets: Haswell without TSX (QEMU's Haswell-v2, quickemu's choice; OSX-KVM's
     * for Sonoma), always GenuineIntel because QEMU on KVM would show an AMD host's vendor;
     * AVX2 and SSE4.2 required (macOS 13 Ventura and later use them); 1G pages hidden (quickemu:
     * macOS crashes with them).
     */
    static final CpuModel CPU = CpuModel.named("Haswell-noTSX").vendor("GenuineIntel").require("avx2", "sse4.2").disable("pdpe1gb");
    /** What macOS 13 and later need from the CPU, by libvirt's names. */
    static final List<String> REQUIRED_FEATURES = List.of("avx2", "sse4.2");
    /** The invariant TSC, which macOS's timekeeping wants; KVM provides it where the host CPU has it. */
    static final String INVARIANT_TSC = "invtsc";

    private static final Map<String, NicModel> NICS = Map.of("virtio", NicModel.VIRTIO, "vmxnet3", NicModel.VMXNET3);
    private static final Map<String, VideoModel> VIDEOS = Map.of("vmvga", VideoModel.VMVGA, "vga", VideoModel.VGA);

    private final MacOsRelease release;
    private final String osk;

    /** @param osk the configured Apple SMC key, or an empty string for the media library's */
    MacOsProfile(MacOsRelease release, String osk) {
        this.release = Objects.requireNonNull(release, "release");
        this.osk = osk == null ? "" : osk;
    }

    MacOsProfile(MacOsRelease release, MacOsConfig config) {
        this(release, config.osk());
    }

    /** The ids of the macOS profiles, oldest release first. */
    public static List<String> ids() {
        return MacOsRelease.ALL.stream().map(MacOsRelease::id).toList();
    }

    @Override
    public ProfileDescriptor descriptor() {
        return release.descriptor();
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(OPENCORE_OPTION, "PATH: the OpenCore boot image, an absolute path; default: the media library's "
                + String.join(" or ", MacOsMedia.Kind.OPENCORE.mediaNames(release)));
        options.put(RECOVERY_OPTION, "PATH: the macOS recovery image, an absolute path; default: the media library's "
                + String.join(" or ", MacOsMedia.Kind.RECOVERY.mediaNames(release)));
        options.put(NIC_OPTION, "virtio (default) or vmxnet3 (for guests without virtio-net)");
        options.put(VIDEO_OPTION, "vmvga (VMware SVGA, default) or vga");
        return options;
    }

    @Override
    public void contribute(ProfileContext context, DeviceSetBuilder devices) {
        HostCapabilities host = context.host();
        Map<String, String> options = context.spec().options();
        String id = release.id();
        if (!host.uefi()) {
            throw new ProfileException("profile '" + id + "' needs UEFI firmware, which this host lacks: install the ovmf package");
        }
        int cpus = context.spec().cpus();
        if (Integer.bitCount(cpus) != 1) {
            int lower = Integer.highestOneBit(cpus);
            throw new ProfileException("macOS runs only on a power-of-two number of CPUs, not " + cpus + ": give --cpus " + lower
                    + (lower * 2 <= host.cpus() ? " or --cpus " + lower * 2 : ""));
        }
        NicModel nic = choice(options, NIC_OPTION, NICS, "virtio");
        VideoModel video = choice(options, VIDEO_OPTION, VIDEOS, "vmvga");

        CpuModel cpu = CPU;
        Set<String> features = host.cpuFeatures();
        if (features.isEmpty()) {
            devices.warn("the hypervisor does not tell which CPU features guests get: macOS 13 Ventura and later need AVX2 and SSE4.2;"
                    + " if the guest hangs early, the host cannot provide them");
        } else {
            List<String> missing = new ArrayList<>(REQUIRED_FEATURES);
            missing.removeAll(features);
            if (!missing.isEmpty()) {
                throw new ProfileException(host.kvmUsable()
                        ? "profile '" + id + "' needs a host CPU with AVX2 and SSE4.2 (macOS 13 Ventura and later use them), and this host's"
                                + " CPU lacks " + String.join(", ", missing) + ": run it on a host with an Intel Haswell or AMD Zen CPU or newer"
                        : "profile '" + id + "' needs a CPU with AVX2 and SSE4.2 (macOS 13 Ventura and later use them), and the emulator of"
                                + " this host (" + host.version() + ") cannot provide " + String.join(", ", missing)
                                + ": QEMU 7.2 and later emulate them; upgrade QEMU, or use a host with KVM and such a CPU");
            }
            if (features.contains(INVARIANT_TSC)) {
                cpu = cpu.require(INVARIANT_TSC);
            } else if (host.kvmUsable()) {
                devices.warn("the host CPU has no invariant TSC (invtsc), which macOS's timekeeping relies on: expect clock drift");
            }
        }

        MacOsMedia.Image opencore = MacOsMedia.find(MacOsMedia.Kind.OPENCORE, context, release);
        MacOsMedia.Image recovery = MacOsMedia.find(MacOsMedia.Kind.RECOVERY, context, release);
        if (opencore.path().equals(recovery.path())) {
            throw new ProfileException("the OpenCore and the recovery image are the same file, " + opencore.path() + ": give each its own");
        }
        MacOsMedia.Key key = MacOsMedia.osk(osk, context, id);
        if (!key.genuine()) {
            devices.warn("the Apple SMC key in " + key.source() + " is not the one macOS checks for (its SHA-256 is not "
                    + MacOsMedia.OSK_SHA256 + "): macOS will stop early in its boot; correct the key");
        }

        devices.qemuMachine("q35").firmware(Firmware.plainUefi()).cpu(cpu).oneCpuSocket(true).clock(ClockOffset.UTC)
                .diskBus(DiskBus.VIRTIO).nic(nic).video(video).sound(SoundModel.ICH9)
                .input(InputDevice.USB_KEYBOARD).input(InputDevice.USB_TABLET).usb(true)
                .balloon(true).rng(true)
                // OpenCore boots first; the guest's writes to either image are discarded, so they stay as the user made them
                .medium(new Medium(opencore.path(), DiskBus.SATA, false, opencore.format(), 1, true))
                .medium(new Medium(recovery.path(), DiskBus.SATA, false, recovery.format(), 0, true))
                // QEMU's Apple SMC, which libvirt has no element for; a comma in a QEMU option value is written twice
                .qemuArguments("-device", "isa-applesmc,osk=" + key.text().replace(",", ",,"));
        if (!host.kvmUsable()) {
            devices.finding(Finding.Severity.INFO, "KVM is not usable (" + host.kvmProblem() + "): macOS runs emulated, so slowly that"
                    + " installing it takes many hours; use a host with KVM for real work");
        }
    }

    private <T> T choice(Map<String, String> options, String option, Map<String, T> values, String fallback) {
        String value = options.getOrDefault(option, fallback).trim();
        T chosen = values.get(value);
        if (chosen == null) {
            throw new ProfileException("profile '" + release.id() + "' has no " + option + " '" + value + "': choose " + option + "="
                    + String.join(" or " + option + "=", values.keySet().stream().sorted().toList()));
        }
        return chosen;
    }
}
