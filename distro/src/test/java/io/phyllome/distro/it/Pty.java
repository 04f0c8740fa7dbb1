package io.phyllome.distro.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program in a pseudo-terminal, typed at as a user types: {@code script} gives it the terminal,
 * this writes keys to it and waits for what it shows (escape sequences and all), like expect.
 */
final class Pty implements AutoCloseable {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private final Process process;
    private final OutputStream keys;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    /** Where the next {@link #await} starts looking: what was awaited before is not seen again. */
    private int mark;

    /** Starts {@code command} (a shell command line) in a terminal of its own. */
    Pty(String command) {
        try {
            process = new ProcessBuilder(List.of("script", "-qfec", command, "/dev/null")).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start script(1)", e);
        }
        keys = process.getOutputStream();
        Thread reader = new Thread(() -> copy(process.getInputStream()), "pty-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void copy(InputStream in) {
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0;) {
                synchronized (screen) {
                    screen.write(buffer, 0, n);
                    screen.notifyAll();
                }
            }
        } catch (IOException e) {
            // the program ended
        }
    }

    /** Types {@code text} (e.g. {@code "vm:lis\t"}, {@code "\r"} for Enter). */
    Pty type(String text) {
        try {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the terminal's program has gone:\n" + shown(), e);
        }
        return this;
    }

    /** Waits until the terminal shows {@code text} after what was awaited before; what it showed up to there. */
    String await(String text) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        synchronized (screen) {
            while (true) {
                String all = screen.toString(StandardCharsets.UTF_8);
                int at = all.indexOf(text, mark);
                if (at >= 0) {
                    String seen = all.substring(mark, at + text.length());
                    mark = at + text.length();
                    return seen;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && screen.size() == all.length()) {
                    throw new AssertionError("the terminal never showed '" + text + "'; it showed:\n" + all.substring(mark));
                }
                try {
                    screen.wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Everything the terminal showed. */
    String shown() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits for the program to end; its exit status. */
    int waitFor() throws InterruptedException {
        if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the terminal's program did not end:\n" + shown());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
