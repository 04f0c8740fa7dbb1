package io.phyllome.bench.profile;

import java.util.List;

import io.phyllome.host.device.Channel;
import io.phyllome.host.device.CpuMode;
import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.device.Firmware;
import io.phyllome.host.device.InputDevice;
import io.phyllome.host.device.VideoModel;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.vm.ByteSize;

/**
 * The Linux profile's device set with a legacy BIOS, for the scale benchmark only: libvirt's
 * test driver reports no UEFI firmware, and the real Linux profile rightly refuses a host
 * without it. Installed into the benchmark's in-process platform, never shipped.
 */
public final class BenchProfile implements GuestProfile {

    public static final String ID = "bench-bios";

    private static final ProfileDescriptor DESCRIPTOR = new ProfileDescriptor(ID, "Benchmark guest (Linux devices, BIOS)", OsFamily.LINUX,
            List.of("http://libosinfo.org/linux/2022"), new Resources(ByteSize.ofMiB(64), 1, ByteSize.ofMiB(64)),
            new Resources(ByteSize.ofMiB(256), 1, ByteSize.ofGiB(1)));

    @Override
    public ProfileDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void contribute(ProfileContext context, DeviceSetBuilder devices) {
        devices.qemuMachine("q35").firmware(Firmware.legacyBios()).cpu(context.host().kvmUsable() ? CpuMode.HOST_MODEL : CpuMode.MAXIMUM);
        devices.video(VideoModel.VIRTIO).input(InputDevice.USB_TABLET).channel(Channel.GUEST_AGENT).rng(true).balloon(true);
    }
}
