package io.phyllome.host.rest.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a bearer token's name): {@code perSecond} requests a second on average,
 * up to {@code burst} at once after a quiet time. A rate of 0 or less bounds nothing.
 */
public final class TokenBuckets {

    private record Bucket(double tokens, long at) {
    }

    private final double perSecond;
    private final double burst;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(double perSecond, int burst, LongSupplier clock) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.clock = clock;
    }

    /**
     * Takes one request from {@code key}'s bucket.
     *
     * @return 0 when the request may go on, else the nanoseconds until the bucket holds one again
     */
    public long take(String key) {
        if (perSecond <= 0) {
            return 0;
        }
        long now = clock.getAsLong();
        long[] wait = new long[1];
        buckets.compute(key, (k, b) -> {
            double tokens = b == null ? burst : Math.min(burst, b.tokens() + (now - b.at()) * perSecond / 1e9);
            if (tokens >= 1) {
                return new Bucket(tokens - 1, now);
            }
            wait[0] = Math.max(1, (long) Math.ceil((1 - tokens) / perSecond * 1e9));
            return new Bucket(tokens, now);
        });
        return wait[0];
    }
}
