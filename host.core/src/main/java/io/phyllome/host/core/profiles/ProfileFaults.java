package io.phyllome.host.core.profiles;

import java.time.Duration;
import java.util.Optional;

/**
 * Where {@link ProfileGuard} reports a misbehaving profile, and the host's policy for profiles.
 * {@link ProfileRegistry} implements it; a {@code Profiles} that does not runs profiles with
 * {@link #DEFAULTS}.
 */
public interface ProfileFaults {

    /** The default time limit of one {@code contribute} call. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    ProfileFaults DEFAULTS = new ProfileFaults() {
        @Override
        public void faulty(String id, String reason) {
        }
    };

    /** Marks the profile {@code id} faulty; {@code profile:list} shows {@code reason}. */
    void faulty(String id, String reason);

    /** Why the profile {@code id} is faulty, if it is (found so in this process or recorded by an earlier one). */
    default Optional<String> faultOf(String id) {
        return Optional.empty();
    }

    /** How long one {@code contribute} call may take. */
    default Duration timeout() {
        return DEFAULT_TIMEOUT;
    }

    /** Whether profiles may choose host passthrough (host-passthrough CPU), which ties a VM to this host. */
    default boolean passthroughAllowed() {
        return false;
    }
}
