package io.phyllome.host.profile;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The profiles installed on this host, as their bundles come and go. */
@ProviderType
public interface Profiles {

    /** Installed profiles, ordered by id. */
    List<ProfileDescriptor> list();

    Optional<GuestProfile> find(String id);
}
