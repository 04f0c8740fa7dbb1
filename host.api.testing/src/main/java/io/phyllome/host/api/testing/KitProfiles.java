package io.phyllome.host.api.testing;

import java.util.List;
import java.util.Optional;

import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Profiles;

/** The one profile under test, as the platform's registry would hold it. */
record KitProfiles(GuestProfile profile) implements Profiles {

    @Override
    public List<ProfileDescriptor> list() {
        return List.of(profile.descriptor());
    }

    @Override
    public Optional<GuestProfile> find(String id) {
        return profile.descriptor().id().equals(id) ? Optional.of(profile) : Optional.empty();
    }
}
