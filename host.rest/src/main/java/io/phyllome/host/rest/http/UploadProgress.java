package io.phyllome.host.rest.http;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * How far one upload is: {@code receiving} (its bytes arrive), {@code verifying} (all arrived; its
 * SHA-256 is checked), then {@code verified} or {@code failed}. Reports a change of state always,
 * and bytes received at most once per {@code intervalNanos}.
 */
public final class UploadProgress {

    /** One report. */
    public record Report(String name, String state, long received, long expected, String detail) {
    }

    private final String name;
    private final long expected;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final Consumer<Report> sink;
    private long received;
    private long reportedAt;
    private String state;

    public UploadProgress(String name, long expected, long intervalNanos, LongSupplier clock, Consumer<Report> sink) {
        this.name = name;
        this.expected = expected;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
        this.sink = sink;
        this.reportedAt = clock.getAsLong();
        report("receiving", "");
    }

    /** {@code total} bytes have arrived so far. */
    public void received(long total) {
        received = total;
        long now = clock.getAsLong();
        if (now - reportedAt >= intervalNanos) {
            reportedAt = now;
            report("receiving", "");
        }
    }

    public void verifying() {
        report("verifying", "");
    }

    public void verified() {
        report("verified", "");
    }

    /** The upload failed (once: a later call after {@link #verified()} or another failure says nothing). */
    public void failed(String why) {
        if (!"verified".equals(state) && !"failed".equals(state)) {
            report("failed", why);
        }
    }

    private void report(String next, String detail) {
        state = next;
        sink.accept(new Report(name, next, received, expected, detail));
    }
}
