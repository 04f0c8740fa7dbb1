package io.phyllome.host.rest.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class FailureLimitTest {

    @Test
    void anAddressIsRefusedAfterItsFailuresUntilTheWindowEnds() {
        AtomicLong now = new AtomicLong(1_000);
        FailureLimit limit = new FailureLimit(3, 60, now::get);
        for (int i = 0; i < 3; i++) {
            assertFalse(limit.blocked("10.0.0.1"));
            limit.failed("10.0.0.1");
        }
        assertTrue(limit.blocked("10.0.0.1"));
        assertFalse(limit.blocked("10.0.0.2"), "another address is not refused");
        now.addAndGet(60);
        assertFalse(limit.blocked("10.0.0.1"), "the window ended");
        limit.failed("10.0.0.1");
        assertFalse(limit.blocked("10.0.0.1"), "a new window counts afresh");
    }
}
