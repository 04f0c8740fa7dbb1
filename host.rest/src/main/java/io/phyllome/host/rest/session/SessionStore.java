package io.phyllome.host.rest.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sessions, in memory only: a random id (256 bits) names each; a session holds the
 * name of the token that opened it and when it was last used, nothing else. A session unused for
 * the idle time is gone; past {@code capacity} sessions the least recently used goes.
 */
public final class SessionStore {

    /** What a session knows: the token that opened it (its name and creation time, never the token). */
    public record Session(String id, String owner, Instant lastUsed) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final int capacity;

    public SessionStore(Clock clock, Duration idle, int capacity) {
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("the sessions' idle time must be positive, not " + idle);
        }
        this.clock = clock;
        this.idle = idle;
        this.capacity = capacity;
    }

    /** A new session for the token {@code owner} names; its id goes only into the cookie. */
    public Session open(String owner) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
        while (sessions.size() >= capacity) {
            sessions.values().stream().min(Comparator.comparing(Session::lastUsed)).ifPresent(s -> sessions.remove(s.id()));
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        Session session = new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(random), owner, now);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session {@code id} names, used now (its idle time starts again); empty when unknown or expired. */
    public Optional<Session> use(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session found = sessions.computeIfPresent(id, (k, s) -> expired(s, now) ? null : new Session(s.id(), s.owner(), now));
        return Optional.ofNullable(found);
    }

    /** Ends session {@code id} (logout); nothing when there is none. */
    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session the token {@code owner} names opened (it was revoked). */
    public void closeAllOf(String owner) {
        sessions.values().removeIf(s -> s.owner().equals(owner));
    }

    public Duration idle() {
        return idle;
    }

    int size() {
        return sessions.size();
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastUsed().plus(idle));
    }
}
