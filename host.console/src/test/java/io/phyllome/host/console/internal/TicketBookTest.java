package io.phyllome.host.console.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class TicketBookTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final TicketBook book = new TicketBook(clock, Duration.ofSeconds(30));

    @Test
    void aTicketOpensItsVmOnceForItsBinding() {
        String ticket = book.issue("con-a", "session-1");
        assertTrue(book.redeem(ticket, "con-a", "session-1"));
        assertFalse(book.redeem(ticket, "con-a", "session-1"), "a ticket is used once");
    }

    @Test
    void aTicketForAnotherVmIsRefusedAndSpent() {
        String ticket = book.issue("con-a", "");
        assertFalse(book.redeem(ticket, "con-b", ""));
        assertFalse(book.redeem(ticket, "con-a", ""), "the failed attempt spent it: no guessing the VM afterwards");
    }

    @Test
    void aTicketOfAnotherSessionIsRefused() {
        String ticket = book.issue("con-a", "session-1");
        assertFalse(book.redeem(ticket, "con-a", "session-2"));
    }

    @Test
    void aTicketBoundToNoSessionOpensForAnyCallerButASessionsTicketDoesNot() {
        String shells = book.issue("con-a", ""); // vm:console's link: whoever holds it, logged in to the console or not
        assertTrue(book.redeem(shells, "con-a", "session-1"));
        String sessions = book.issue("con-a", "session-1");
        assertFalse(book.redeem(sessions, "con-a", ""), "a session's ticket without the session");
    }

    @Test
    void anExpiredTicketIsRefused() {
        String ticket = book.issue("con-a", "");
        clock.now = clock.now.plusSeconds(30);
        assertFalse(book.redeem(ticket, "con-a", ""));
    }

    @Test
    void noTicketAnUnknownOneAndFreshOnesDiffer() {
        assertFalse(book.redeem(null, "con-a", ""));
        assertFalse(book.redeem("not-issued", "con-a", ""));
        assertNotEquals(book.issue("con-a", ""), book.issue("con-a", ""));
        assertTrue(book.issue("con-a", "").length() >= 43, "256 random bits");
    }

    @Test
    void aLifetimeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new TicketBook(clock, Duration.ZERO));
    }
}
