package io.phyllome.host.profiles.data;

import java.util.EnumSet;
import java.util.Locale;

import io.phyllome.host.device.Channel;
import io.phyllome.host.device.ClockOffset;
import io.phyllome.host.device.CpuMode;
import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.device.DiskBus;
import io.phyllome.host.device.Finding;
import io.phyllome.host.device.Firmware;
import io.phyllome.host.device.HyperVFeature;
import io.phyllome.host.device.InputDevice;
import io.phyllome.host.device.NicModel;
import io.phyllome.host.device.SoundModel;
import io.phyllome.host.device.Tpm;
import io.phyllome.host.device.TpmModel;
import io.phyllome.host.device.VideoModel;
import io.phyllome.host.platform.HostCapabilities;

/** Applies the choices of a {@code profile.json} to the platform's builder, the same calls a coded profile makes. */
final class DeviceChoices {

    private DeviceChoices() {
    }

    static void apply(ProfileDocument.Change change, DeviceSetBuilder builder, HostCapabilities host) {
        apply(change.devices(), builder);
        findings(change.findings(), builder, host);
    }

    static void findings(Iterable<ProfileDocument.FindingText> findings, DeviceSetBuilder builder, HostCapabilities host) {
        for (ProfileDocument.FindingText finding : findings) {
            builder.finding(constant(Finding.Severity.class, finding.severity()), finding.message().replace("{kvmProblem}", host.kvmProblem()));
        }
    }

    /** Sets every choice {@code devices} makes; lists (inputs, channels, Hyper-V features) add to what is there. */
    static void apply(ProfileDocument.Devices devices, DeviceSetBuilder builder) {
        if (devices == null) {
            return;
        }
        if (devices.machine() != null) {
            builder.qemuMachine(devices.machine());
        }
        if (devices.firmware() != null) {
            builder.firmware(switch (devices.firmware()) {
                case "bios" -> Firmware.legacyBios();
                case "uefi" -> Firmware.plainUefi();
                case "uefi-secure-boot" -> Firmware.secureBootUefi();
                default -> throw new IllegalArgumentException("firmware '" + devices.firmware() + "' is not bios, uefi or uefi-secure-boot");
            });
        }
        if (devices.cpu() != null) {
            builder.cpu(constant(CpuMode.class, devices.cpu()));
        }
        if (devices.oneCpuSocket() != null) {
            builder.oneCpuSocket(devices.oneCpuSocket());
        }
        if (devices.smm() != null) {
            builder.smm(devices.smm());
        }
        if (!devices.hyperV().isEmpty()) {
            EnumSet<HyperVFeature> features = EnumSet.noneOf(HyperVFeature.class);
            devices.hyperV().forEach(f -> features.add(constant(HyperVFeature.class, f)));
            builder.hyperV(features);
        }
        if (devices.clock() != null) {
            builder.clock(constant(ClockOffset.class, devices.clock()));
        }
        if (devices.diskBus() != null) {
            builder.diskBus(constant(DiskBus.class, devices.diskBus()));
        }
        if (devices.cdromBus() != null) {
            builder.cdromBus(constant(DiskBus.class, devices.cdromBus()));
        }
        if (devices.nic() != null) {
            builder.nic(constant(NicModel.class, devices.nic()));
        }
        if (devices.video() != null) {
            builder.video(constant(VideoModel.class, devices.video()));
        }
        if (devices.sound() != null) {
            builder.sound(constant(SoundModel.class, devices.sound()));
        }
        devices.inputs().forEach(i -> builder.input(constant(InputDevice.class, i)));
        if (devices.usb() != null) {
            builder.usb(devices.usb());
        }
        if (devices.tpm() != null) {
            builder.tpm("none".equals(devices.tpm()) ? null : Tpm.v2(constant(TpmModel.class, devices.tpm())));
        }
        devices.channels().forEach(c -> builder.channel(constant(Channel.class, c)));
        if (devices.rng() != null) {
            builder.rng(devices.rng());
        }
        if (devices.balloon() != null) {
            builder.balloon(devices.balloon());
        }
    }

    /** The constant a schema word names: {@code host-model} is {@code HOST_MODEL}. */
    static <E extends Enum<E>> E constant(Class<E> type, String word) {
        return Enum.valueOf(type, word.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
