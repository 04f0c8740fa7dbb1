package io.phyllome.distro.vendor.broken;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.ProvidesProfile;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.vm.ByteSize;

/** A faulty third-party profile (test only): it throws in contribute. */
@Component
@ProvidesProfile(id = "broken", family = OsFamily.OTHER)
public class BrokenProfile implements GuestProfile {

    private static final ProfileDescriptor DESCRIPTOR = new ProfileDescriptor("broken", "Broken Vendor OS", OsFamily.OTHER, List.of(),
            new Resources(ByteSize.ofMiB(128), 1, ByteSize.ofMiB(64)), new Resources(ByteSize.ofMiB(256), 1, ByteSize.ofGiB(1)));

    @Override
    public ProfileDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void contribute(ProfileContext context, DeviceSetBuilder devices) {
        throw new IllegalStateException("the vendor's bug");
    }
}
