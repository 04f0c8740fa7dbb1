package io.phyllome.profiles.linux;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.phyllome.host.device.Channel;
import io.phyllome.host.device.CpuMode;
import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.device.Finding;
import io.phyllome.host.device.Firmware;
import io.phyllome.host.device.InputDevice;
import io.phyllome.host.device.VideoModel;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.ProfileException;
import io.phyllome.host.profile.ProvidesProfile;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.vm.ByteSize;

/**
 * Any modern Linux distribution (kernel 5.x or later): virtio for everything, UEFI firmware.
 * Recommended resources follow libosinfo's {@code linux2022}; the minimum stays small enough for
 * tiny guests.
 */
@Component
@ProvidesProfile(id = "linux", family = OsFamily.LINUX, osinfo = "http://libosinfo.org/linux/2022")
public class LinuxProfile implements GuestProfile {

    static final ProfileDescriptor DESCRIPTOR = new ProfileDescriptor("linux", "Modern Linux", OsFamily.LINUX,
            List.of("http://libosinfo.org/linux/2022"),
            new Resources(ByteSize.ofMiB(256), 1, ByteSize.ofMiB(64)),
            new Resources(ByteSize.ofGiB(4), 2, ByteSize.ofGiB(25)));

    @Override
    public ProfileDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void contribute(ProfileContext context, DeviceSetBuilder devices) {
        HostCapabilities host = context.host();
        if (!host.uefi()) {
            throw new ProfileException("profile 'linux' needs UEFI firmware, which this host lacks: install the ovmf package");
        }
        devices.qemuMachine("q35").firmware(Firmware.plainUefi());
        if (host.kvmUsable()) {
            devices.cpu(CpuMode.HOST_MODEL);
        } else {
            devices.cpu(CpuMode.MAXIMUM).finding(Finding.Severity.INFO,
                    "KVM is not usable (" + host.kvmProblem() + "): the guest runs emulated, many times slower");
        }
        devices.video(VideoModel.VIRTIO).input(InputDevice.USB_TABLET).channel(Channel.GUEST_AGENT).rng(true).balloon(true);
    }
}
