package io.phyllome.distro.vendor.freebsd;

import java.util.List;
import java.util.Map;

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
 * The coded twin of docs/examples/freebsd-data/profile.json: the same choices in Java, so the
 * data profile's VMs can be compared with this one's (DataProfileIT).
 */
@Component
@ProvidesProfile(id = "freebsd-coded", family = OsFamily.BSD, osinfo = "http://freebsd.org/freebsd/14.0")
public class FreeBsdProfile implements GuestProfile {

    private static final ProfileDescriptor DESCRIPTOR = new ProfileDescriptor("freebsd-coded", "FreeBSD 14 (coded profile)", OsFamily.BSD,
            List.of("http://freebsd.org/freebsd/14.0"), new Resources(ByteSize.ofMiB(512), 1, ByteSize.ofGiB(4)),
            new Resources(ByteSize.ofGiB(2), 2, ByteSize.ofGiB(20)));

    @Override
    public ProfileDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Map<String, String> options() {
        return Map.of("console", "serial: headless, the serial console only; graphical: a VGA screen and a USB tablet");
    }

    @Override
    public void contribute(ProfileContext context, DeviceSetBuilder devices) {
        HostCapabilities host = context.host();
        String console = context.spec().options().getOrDefault("console", "serial");
        if (!console.equals("serial") && !console.equals("graphical")) {
            throw new ProfileException("profile 'freebsd-coded': option console=" + console + " is not one of graphical, serial");
        }
        if (!host.uefi()) {
            throw new ProfileException("profile 'freebsd-coded' needs UEFI firmware, which this host lacks: install the ovmf package");
        }
        devices.qemuMachine("q35").firmware(Firmware.plainUefi()).channel(Channel.GUEST_AGENT).rng(true).balloon(true);
        if (host.kvmUsable()) {
            devices.cpu(CpuMode.HOST_MODEL);
        } else {
            devices.cpu(CpuMode.MAXIMUM).finding(Finding.Severity.INFO,
                    "KVM is not usable (" + host.kvmProblem() + "): the guest runs emulated, many times slower");
        }
        if (console.equals("graphical")) {
            devices.video(VideoModel.VGA).input(InputDevice.USB_TABLET);
        }
    }
}
