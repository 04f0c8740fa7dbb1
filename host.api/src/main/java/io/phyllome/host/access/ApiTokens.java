package io.phyllome.host.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The bearer tokens of the API (and of the web console on the same listener): a token is shown
 * once, when created; only a salted SHA-256 hash of it is kept.
 */
@ProviderType
public interface ApiTokens {

    /** A token's name and when it was created; never the token or its hash. */
    record TokenInfo(String name, Instant created) {
    }

    /**
     * Creates a token named {@code name} and returns it: the only time it is seen.
     *
     * @throws IllegalArgumentException when the name is not a simple word or is taken
     */
    String create(String name);

    List<TokenInfo> list();

    /** @return whether there was such a token */
    boolean revoke(String name);

    /** The name of the token {@code token} is, if it is a valid (not revoked) one. */
    Optional<String> verify(String token);
}
