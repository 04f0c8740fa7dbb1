package io.phyllome.host.rest.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aBurstThenTheRateThenTheBurstAgainAfterAQuietTime() {
        TokenBuckets buckets = new TokenBuckets(10, 5, now::get);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, buckets.take("a"), "request " + i + " of the burst");
        }
        long wait = buckets.take("a");
        assertEquals(100_000_000L, wait, 1_000, "one request every 100 ms at 10/s");
        assertEquals(0, buckets.take("b"), "another token has its own bucket");
        now.addAndGet(wait);
        assertEquals(0, buckets.take("a"));
        assertTrue(buckets.take("a") > 0);
        now.addAndGet(60_000_000_000L);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, buckets.take("a"), "a full burst again, never more: " + i);
        }
        assertTrue(buckets.take("a") > 0);
    }

    @Test
    void refusedRequestsDoNotEmptyTheBucketFurther() {
        TokenBuckets buckets = new TokenBuckets(1, 1, now::get);
        assertEquals(0, buckets.take("a"));
        for (int i = 0; i < 100; i++) {
            assertTrue(buckets.take("a") > 0);
        }
        now.addAndGet(1_000_000_000L);
        assertEquals(0, buckets.take("a"), "a second later, as if the refused ones were never sent");
    }

    @Test
    void aRateOfZeroBoundsNothing() {
        TokenBuckets buckets = new TokenBuckets(0, 1, now::get);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(0, buckets.take("a"));
        }
    }
}
