package io.phyllome.distro.vendor.acme;

import java.util.List;

import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;

import io.phyllome.host.device.CpuMode;
import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.device.Firmware;
import io.phyllome.host.device.VideoModel;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.ProvidesProfile;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.vm.ByteSize;

/**
 * A third-party profile as a vendor writes it (test only, never shipped): built into a bundle of
 * its own by ProfileBundles, in two versions; its name says which version runs.
 */
@Component
@ProvidesProfile(id = "acme-os", family = OsFamily.LINUX, osinfo = "http://acme.example/acme-os/5")
public class AcmeProfile implements GuestProfile {

    @Override
    public ProfileDescriptor descriptor() {
        return new ProfileDescriptor("acme-os", "ACME OS " + FrameworkUtil.getBundle(AcmeProfile.class).getVersion(), OsFamily.LINUX,
                List.of("http://acme.example/acme-os/5"), new Resources(ByteSize.ofMiB(128), 1, ByteSize.ofMiB(64)),
                new Resources(ByteSize.ofMiB(256), 1, ByteSize.ofGiB(1)));
    }

    @Override
    public void contribute(ProfileContext context, DeviceSetBuilder devices) {
        devices.firmware(Firmware.legacyBios()).cpu(context.host().kvmUsable() ? CpuMode.HOST_MODEL : CpuMode.MAXIMUM).video(VideoModel.NONE);
    }
}
