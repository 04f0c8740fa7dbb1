package io.phyllome.profiles.windows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

import io.phyllome.host.device.ClockOffset;
import io.phyllome.host.device.CpuMode;
import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.device.DiskBus;
import io.phyllome.host.device.Finding;
import io.phyllome.host.device.Firmware;
import io.phyllome.host.device.HyperVFeature;
import io.phyllome.host.device.InputDevice;
import io.phyllome.host.device.Medium;
import io.phyllome.host.device.NicModel;
import io.phyllome.host.device.SoundModel;
import io.phyllome.host.device.Tpm;
import io.phyllome.host.device.TpmModel;
import io.phyllome.host.device.VideoModel;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.ProfileException;

/**
 * The device set every Windows release gets: UEFI with Secure Boot and the Microsoft keys, SMM,
 * TPM 2.0 where needed, Windows' clock and timers, Hyper-V enlightenments on KVM, and virtio disks
 * and NIC whenever the virtio-win drivers can be attached, SATA and e1000e otherwise.
 */
abstract class WindowsProfile implements GuestProfile {

    /** The option that adds a TPM where a release does not require one. */
    static final String TPM_OPTION = "tpm";
    /** The name under which the media library holds the driver image. */
    static final String VIRTIO_WIN_MEDIUM = "virtio-win.iso";

    /** What virt-install, Proxmox and QEMU's own documentation enable for modern Windows. */
    private static final EnumSet<HyperVFeature> ENLIGHTENMENTS = EnumSet.allOf(HyperVFeature.class);

    private final WindowsRelease release;
    private final Path virtioWin;

    WindowsProfile(WindowsRelease release, WindowsConfig config) {
        this.release = release;
        this.virtioWin = config.virtioWinIso().isBlank() ? null : Path.of(config.virtioWinIso());
    }

    @Override
    public ProfileDescriptor descriptor() {
        return release.descriptor();
    }

    private static Optional<Path> usable(Path file) {
        return file != null && file.isAbsolute() && Files.isRegularFile(file) && Files.isReadable(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public Map<String, String> options() {
        return release.tpmRequired() ? Map.of() : Map.of(TPM_OPTION, "on: add a TPM 2.0 (for the upgrade to Windows 11); off (default)");
    }

    @Override
    public void contribute(ProfileContext context, DeviceSetBuilder devices) {
        HostCapabilities host = context.host();
        String id = release.descriptor().id();
        if (!host.secureBoot()) {
            throw new ProfileException("profile '" + id + "' needs UEFI firmware with Secure Boot, which this host lacks: install the ovmf package");
        }
        String tpmOption = context.spec().options().getOrDefault(TPM_OPTION, "off");
        if (!tpmOption.equals("on") && !tpmOption.equals("off")) {
            throw new ProfileException("option tpm=" + tpmOption + " of profile '" + id + "' must be tpm=on or tpm=off");
        }
        boolean tpm = release.tpmRequired() || tpmOption.equals("on");
        if (tpm && !host.tpmEmulator()) {
            throw new ProfileException("profile '" + id + "' needs a TPM 2.0 emulator, which this host lacks: install the swtpm and swtpm-tools packages");
        }

        devices.qemuMachine("q35").firmware(Firmware.secureBootUefi()).smm(true).clock(ClockOffset.LOCALTIME)
                .input(InputDevice.USB_TABLET).video(VideoModel.VIRTIO).sound(SoundModel.ICH9).balloon(true);
        if (tpm) {
            devices.tpm(Tpm.v2(TpmModel.CRB));
        }
        if (host.kvmUsable()) {
            devices.cpu(CpuMode.HOST_MODEL).hyperV(ENLIGHTENMENTS);
        } else {
            devices.cpu(CpuMode.MAXIMUM).finding(Finding.Severity.INFO, "KVM is not usable (" + host.kvmProblem()
                    + "): Windows runs emulated, very slowly, and without Hyper-V enlightenments");
        }
        Optional<Path> drivers = usable(virtioWin).or(() -> context.media(VIRTIO_WIN_MEDIUM));
        if (drivers.isPresent()) {
            devices.diskBus(DiskBus.VIRTIO).nic(NicModel.VIRTIO).medium(new Medium(drivers.get(), DiskBus.SATA, true));
        } else {
            devices.diskBus(DiskBus.SATA).nic(NicModel.E1000E).warn("no virtio-win drivers at " + (virtioWin == null ? WindowsConfig.DEFAULT_VIRTIO_WIN : virtioWin)
                    + ": the disk is on SATA and the NIC an e1000e, which Windows' own installer drives; put the virtio-win ISO there"
                    + ", import it with media:import FILE SHA256 (or set virtioWinIso in " + WindowsConfig.PID + ") for virtio, or switch a VM with drivers installed with vm:virtio NAME");
        }
    }
}
