package io.phyllome.host.rest.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SessionStoreTest {

    private Instant now = Instant.parse("2026-12-07T07:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };
    private final SessionStore store = new SessionStore(clock, Duration.ofMinutes(30), 3);

    @Test
    void aSessionLivesWhileItIsUsedAndEndsWhenIdle() {
        String id = store.open("ci 2026-01-01T00:00:00Z").id();
        assertTrue(id.length() >= 43, "256 random bits, base64: " + id);
        now = now.plus(Duration.ofMinutes(29));
        assertTrue(store.use(id).isPresent());
        now = now.plus(Duration.ofMinutes(29)); // 58 minutes after login, 29 after its last use
        assertEquals("ci 2026-01-01T00:00:00Z", store.use(id).orElseThrow().owner());
        now = now.plus(Duration.ofMinutes(30));
        assertFalse(store.use(id).isPresent(), "idle for 30 minutes");
        assertFalse(store.use(id).isPresent());
    }

    @Test
    void idsAreRandomAndUnknownOnesOpenNothing() {
        assertNotEquals(store.open("a x").id(), store.open("a x").id());
        assertFalse(store.use("guess").isPresent());
        assertFalse(store.use(null).isPresent());
    }

    @Test
    void logoutAndRevocationEndSessions() {
        String a = store.open("a x").id();
        String b = store.open("b x").id();
        String a2 = store.open("a x").id();
        store.close(a);
        assertFalse(store.use(a).isPresent());
        store.closeAllOf("a x");
        assertFalse(store.use(a2).isPresent());
        assertTrue(store.use(b).isPresent());
    }

    @Test
    void pastCapacityTheLeastRecentlyUsedEnds() {
        String first = store.open("a x").id();
        now = now.plusSeconds(1);
        String second = store.open("a x").id();
        now = now.plusSeconds(1);
        store.open("a x");
        now = now.plusSeconds(1);
        store.use(first);
        store.open("a x");
        assertEquals(3, store.size());
        assertTrue(store.use(first).isPresent());
        assertFalse(store.use(second).isPresent(), "the least recently used");
    }
}
