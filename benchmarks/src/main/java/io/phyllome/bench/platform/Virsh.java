package io.phyllome.bench.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One virsh session running many commands, each timed by virsh itself ({@code virsh -t}): the
 * cost of the libvirt calls without a process start and connection per command, which is the
 * fair baseline for a platform that stays connected.
 */
public final class Virsh {

    private static final Pattern TIME = Pattern.compile("\\(Time: ([0-9.]+) ms\\)");

    /**
     * @param times    each command's time in ms, in order
     * @param wallMs   the whole session, process start to exit
     * @param maxRssKiB peak resident memory of virsh, -1 if unknown
     * @param output   what virsh printed
     */
    public record Session(List<Double> times, double wallMs, long maxRssKiB, String output) {
    }

    private Virsh() {
    }

    /** Runs {@code commands} (one a line) in one {@code virsh -t -c uri} session; fails if any fails. */
    public static Session session(String uri, List<String> commands, Path scratch) throws IOException, InterruptedException {
        Files.createDirectories(scratch);
        Path in = Files.createTempFile(scratch, "virsh", ".in");
        Path out = Files.createTempFile(scratch, "virsh", ".out");
        Path err = Files.createTempFile(scratch, "virsh", ".err");
        Path rusage = Files.createTempFile(scratch, "virsh", ".rusage");
        try {
            Files.write(in, commands, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
            if (timed) {
                command.addAll(List.of("/usr/bin/time", "-f", "%M", "-o", rusage.toString()));
            }
            command.addAll(List.of("virsh", "-t", "-c", uri));
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("virsh did not finish its " + commands.size() + " commands within 30 minutes");
            }
            double wall = (System.nanoTime() - start) / 1e6;
            String output = Files.readString(out, StandardCharsets.UTF_8);
            String errors = Files.readString(err, StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0 || errors.contains("error:")) {
                throw new IllegalStateException("virsh -c " + uri + " failed: " + errors);
            }
            List<Double> times = new ArrayList<>();
            Matcher m = TIME.matcher(output);
            while (m.find()) {
                times.add(Double.parseDouble(m.group(1)));
            }
            if (times.size() != commands.size()) {
                throw new IllegalStateException("virsh reported " + times.size() + " timings for " + commands.size() + " commands");
            }
            long rss = -1;
            if (timed) {
                String[] lines = Files.readString(rusage).strip().split("\n");
                try {
                    rss = Long.parseLong(lines[lines.length - 1].strip());
                } catch (NumberFormatException e) {
                    rss = -1;
                }
            }
            return new Session(times, wall, rss, output);
        } finally {
            for (Path p : List.of(in, out, err, rusage)) {
                Files.deleteIfExists(p);
            }
        }
    }
}
