package io.phyllome.host.core.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Profiles;

/** Tracks the {@link GuestProfile} services of active profile bundles. */
@Component
public class ProfileRegistry implements Profiles {

    private final Map<String, GuestProfile> byId = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProfile(GuestProfile profile) {
        byId.putIfAbsent(profile.descriptor().id(), profile);
    }

    void removeProfile(GuestProfile profile) {
        byId.remove(profile.descriptor().id(), profile);
    }

    @Override
    public List<ProfileDescriptor> list() {
        return byId.values().stream().map(GuestProfile::descriptor).sorted(Comparator.comparing(ProfileDescriptor::id)).toList();
    }

    @Override
    public Optional<GuestProfile> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
