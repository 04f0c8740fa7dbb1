package io.phyllome.host.rest.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Bounds the requests without a valid token from one address: after {@code limit} within a
 * window, that address is refused (429) until the window ends, so that guessing tokens costs time
 * and the hashing of bad guesses cannot keep the host busy. A valid token is never refused.
 */
public final class FailureLimit {

    private record Window(long start, int failures) {
    }

    private final int limit;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public FailureLimit(int limit, long windowNanos, LongSupplier clock) {
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.clock = clock;
    }

    /** Whether {@code address} has used up its failures for now. */
    public boolean blocked(String address) {
        Window w = windows.get(address);
        return w != null && clock.getAsLong() - w.start() < windowNanos && w.failures() >= limit;
    }

    /** Counts a failure of {@code address}. */
    public void failed(String address) {
        long now = clock.getAsLong();
        windows.compute(address, (a, w) -> w == null || now - w.start() >= windowNanos ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
        if (windows.size() > 10_000) { // many addresses: forget the windows that ended
            windows.values().removeIf(w -> now - w.start() >= windowNanos);
        }
    }
}
