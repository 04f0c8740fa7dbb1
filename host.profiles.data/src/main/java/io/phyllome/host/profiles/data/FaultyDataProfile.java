package io.phyllome.host.profiles.data;

import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.profile.ProfileDescriptor;

/**
 * Stands for a data profile whose {@code profile.json} is invalid, so that the platform reports it
 * the way it reports a coded profile whose descriptor fails: the registry marks it FAULTY with
 * the reason under its id, and {@code profile:install} refuses the bundle with that reason.
 */
final class FaultyDataProfile implements GuestProfile {

    private final RuntimeException reason;

    FaultyDataProfile(RuntimeException reason) {
        this.reason = reason;
    }

    @Override
    public ProfileDescriptor descriptor() {
        throw reason;
    }

    @Override
    public void contribute(ProfileContext context, DeviceSetBuilder devices) {
        throw reason;
    }
}
