package io.phyllome.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command and measures it: wall time from the start of the process to its exit, and,
 * through {@code /usr/bin/time}, its peak resident memory and CPU time.
 */
public final class Proc {

    private static final Path TIME = Path.of("/usr/bin/time");

    /**
     * @param exit     exit status
     * @param out      standard output
     * @param err      standard error
     * @param wallMs   wall time, start to exit, in milliseconds
     * @param maxRssKiB peak resident set, or -1 when unknown
     * @param cpuMs    user + system CPU time in milliseconds, or -1 when unknown
     */
    public record Result(int exit, String out, String err, double wallMs, long maxRssKiB, double cpuMs) {

        public Result requireSuccess(List<String> command) {
            if (exit != 0) {
                throw new IllegalStateException("'" + String.join(" ", command) + "' exited with " + exit + ": " + (err + out).strip());
            }
            return this;
        }
    }

    private Proc() {
    }

    /** Runs {@code command}, failing when it does not exit 0. */
    public static Result check(List<String> command, Map<String, String> env, Path scratch) {
        return run(command, env, null, scratch, Duration.ofMinutes(5), false).requireSuccess(command);
    }

    /** Runs and measures {@code command}, failing when it does not exit 0. */
    public static Result measure(List<String> command, Map<String, String> env, Path scratch) {
        return run(command, env, null, scratch, Duration.ofMinutes(5), true).requireSuccess(command);
    }

    /**
     * Runs {@code command} with {@code stdin} as its input (none when null).
     *
     * @param measured wrap it in /usr/bin/time for its peak memory and CPU time
     */
    public static Result run(List<String> command, Map<String, String> env, String stdin, Path scratch, Duration timeout, boolean measured) {
        try {
            Files.createDirectories(scratch);
            Path out = Files.createTempFile(scratch, "out", ".txt");
            Path err = Files.createTempFile(scratch, "err", ".txt");
            Path in = Files.createTempFile(scratch, "in", ".txt");
            Path rusage = Files.createTempFile(scratch, "rusage", ".txt");
            Files.writeString(in, stdin == null ? "" : stdin);
            List<String> full = new ArrayList<>();
            boolean timed = measured && Files.isExecutable(TIME);
            if (timed) {
                full.addAll(List.of(TIME.toString(), "-f", "%M %U %S", "-o", rusage.toString()));
            }
            full.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(in.toFile());
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("'" + String.join(" ", command) + "' did not finish within " + timeout.toSeconds() + " s");
            }
            double wall = Stats.ms(System.nanoTime() - start);
            long rss = -1;
            double cpu = -1;
            if (timed) {
                String[] fields = Files.readString(rusage).strip().split("\\s+");
                String[] last = fields.length >= 3 ? new String[] { fields[fields.length - 3], fields[fields.length - 2], fields[fields.length - 1] } : null;
                if (last != null) {
                    try {
                        rss = Long.parseLong(last[0]);
                        cpu = (Double.parseDouble(last[1]) + Double.parseDouble(last[2])) * 1000;
                    } catch (NumberFormatException e) {
                        // "Command exited with non-zero status" lines and the like: no figures
                    }
                }
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
                    wall, rss, cpu);
            for (Path p : List.of(out, err, in, rusage)) {
                Files.deleteIfExists(p);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** The resident set of a live process, in KiB, from /proc; -1 when it cannot be read. */
    public static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone
        }
        return -1;
    }
}
