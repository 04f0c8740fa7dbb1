package io.phyllome.host.profile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The profiles installed on this host, as their bundles come and go. */
@ProviderType
public interface Profiles {

    /** Installed profiles, ordered by id. */
    List<ProfileDescriptor> list();

    Optional<GuestProfile> find(String id);

    /**
     * The profiles that misbehaved, with what they did: threw an unexpected exception, returned
     * an invalid device set, took too long or broke the host's policy (e.g. passthrough). Keys are
     * profile ids (or, for a profile whose descriptor itself fails, its component's name). A
     * faulty profile stays listed; the fault is cleared when its bundle registers it again.
     *
     */
    default Map<String, String> faults() {
        return Map.of();
    }
}
