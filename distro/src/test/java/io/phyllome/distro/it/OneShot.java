package io.phyllome.distro.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform as its own process, as {@code ./phyllome COMMAND} runs it: {@code java -jar
 * phyllome.jar COMMAND ARGS...} with a state directory, one command, an exit status.
 */
final class OneShot {

    /** How a run ended. */
    record Result(int exit, String out, String err) {

        /** This result, after checking that the command succeeded. */
        Result ok() {
            org.junit.Assert.assertEquals(toString(), 0, exit);
            return this;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    /** Numbers the runs: each has its own framework storage and output files, so runs may overlap. */
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Path state;
    private final String uri;
    private final List<String> javaOptions = new ArrayList<>();

    /** @param uri the libvirt URI the platform connects to */
    OneShot(Path state, String uri) {
        this.state = state;
        this.uri = uri;
    }

    /** Adds a JVM option (e.g. {@code -Dname=value}) to every later run. */
    OneShot with(String option) {
        javaOptions.add(option);
        return this;
    }

    /**
     * The java command line of a run, without the command: the same options as ./phyllome gives,
     * with the framework storage {@code storage} ({@link #storage()}).
     */
    List<String> javaCommand(Path storage) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Dphyllome.state.dir=" + state, "-Dlaunch.storage.dir=" + storage,
                "-Dphyllome.libvirt.uri=" + uri, "-Dgosh.args=--nointeractive --noshutdown", "-Dorg.osgi.framework.startlevel.beginning=1",
                "-Dorg.apache.felix.eventadmin.LogLevel=1"));
        String logging = System.getProperty("java.util.logging.config.file");
        if (logging != null) {
            command.add("-Djava.util.logging.config.file=" + logging);
        }
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(TestPlatform.required("phyllome.it.jar"));
        return command;
    }

    /** Runs one command; fails the test when it does not end within 120 s. */
    Result run(String... args) {
        return input("", args);
    }

    /**
     * A new run's own framework storage, as ./phyllome gives each process one: in
     * {@code STATE/cache/felix}, named after this (the test's) process, which ./phyllome's
     * pruning reads as its owner.
     */
    Path storage() {
        return state.resolve("cache/felix/" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet());
    }

    /** Runs one command with {@code text} on its standard input, e.g. a passphrase; may run beside others. */
    Result input(String text, String... args) {
        Path storage = storage();
        List<String> command = javaCommand(storage);
        command.addAll(Arrays.asList(args));
        try {
            return exec(command, state.resolveSibling("run-" + storage.getFileName()), text);
        } finally {
            Host.quietly("rm", "-rf", storage.toString());
        }
    }

    /** Runs {@code command} with its output in files beside {@code prefix}. */
    static Result exec(List<String> command, Path prefix) {
        return exec(command, prefix, new File("/dev/null"));
    }

    /** The same with {@code input} on its standard input. */
    static Result exec(List<String> command, Path prefix, String input) {
        Path in = prefix.resolveSibling(prefix.getFileName() + ".in");
        try {
            Files.writeString(in, input, StandardCharsets.UTF_8);
            return exec(command, prefix, in.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Host.quietly("rm", "-f", in.toString()); // a test's scratch file
        }
    }

    private static Result exec(List<String> command, Path prefix, File input) {
        Path out = prefix.resolveSibling(prefix.getFileName() + ".out");
        Path err = prefix.resolveSibling(prefix.getFileName() + ".err");
        try {
            Process process = new ProcessBuilder(command).redirectInput(input).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 120 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }
}
