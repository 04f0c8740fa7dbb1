package io.phyllome.distro.vendor.mismatch;

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

/**
 * A vendor's mistake (test only): the capability says {@code acme-linux}, the descriptor says
 * {@code linux}, the id of a built-in profile. The platform must refuse it at install.
 */
@Component
@ProvidesProfile(id = "acme-linux", family = OsFamily.LINUX)
public class MismatchProfile implements GuestProfile {

    @Override
    public ProfileDescriptor descriptor() {
        return new ProfileDescriptor("linux", "Not really Linux", OsFamily.LINUX, List.of(), new Resources(ByteSize.ofMiB(128), 1, ByteSize.ofMiB(64)),
                new Resources(ByteSize.ofMiB(256), 1, ByteSize.ofGiB(1)));
    }

    @Override
    public void contribute(ProfileContext context, DeviceSetBuilder devices) {
    }
}
