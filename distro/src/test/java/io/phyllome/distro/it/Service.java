package io.phyllome.distro.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./phyllome serve} as a user runs it, in a state directory of its own, and
 * {@code ./phyllome COMMAND} beside it, which reaches it through its control socket.
 */
final class Service implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(120);

    private final Path state;
    private final Map<String, String> environment = new TreeMap<>();
    private final Path launcher = Path.of(TestPlatform.required("phyllome.it.launcher"));
    private Process process;
    private final AtomicInteger runs = new AtomicInteger();

    /** @param uri the libvirt URI, or null to let the platform choose (the embedded driver when no daemon runs) */
    Service(Path state, String uri) {
        this.state = state;
        environment.put("PHYLLOME_STATE_DIR", state.toString());
        environment.put("PHYLLOME_NO_BUILD", "1"); // the jar this build made, as it is
        if (uri != null) {
            environment.put("PHYLLOME_LIBVIRT_URI", uri);
        }
    }

    /** Sets {@code name=value} in the environment of the service and of its commands, before {@link #start()}. */
    Service environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The control socket, where the launcher puts it for this state directory. */
    Path socket() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(state.toString().getBytes(StandardCharsets.UTF_8));
            return Path.of("/run/phyllome", "control-" + HexFormat.of().formatHex(digest).substring(0, 8) + ".sock");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path log() {
        return state.resolveSibling(state.getFileName() + ".service.log");
    }

    /** Starts the service and waits until its socket answers a command. */
    Service start() {
        try {
            Files.createDirectories(state);
            ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "serve").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).redirectInput(new java.io.File("/dev/null"));
            builder.environment().putAll(environment);
            builder.environment().remove("PHYLLOME_NO_SERVICE");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ./phyllome serve", e);
        }
        Osgi.await(READY, () -> Files.exists(socket()) || !process.isAlive(), () -> "the service's socket " + socket() + ":\n" + Host.read(log()));
        if (!process.isAlive()) {
            throw new AssertionError("the service ended at once:\n" + Host.read(log()));
        }
        return this;
    }

    /** Runs {@code ./phyllome ARGS...} as a user does while the service runs. */
    OneShot.Result run(String... args) {
        return runWith("", args);
    }

    /** The same with {@code input} on the command's standard input. */
    OneShot.Result runWith(String input, String... args) {
        List<String> command = new ArrayList<>(List.of("env"));
        environment.forEach((k, v) -> command.add(k + "=" + v));
        command.add(launcher.toString());
        command.addAll(List.of(args));
        Path prefix = state.resolveSibling(state.getFileName() + ".run-" + runs.incrementAndGet());
        return OneShot.exec(command, prefix, input);
    }

    /** {@code ./phyllome} (the interactive client) in a terminal, with {@code environment} beside the service's. */
    Pty interactive(Map<String, String> extra) {
        StringBuilder command = new StringBuilder("env");
        Map<String, String> all = new TreeMap<>(environment);
        all.putAll(extra);
        all.forEach((k, v) -> command.append(' ').append(k).append("='").append(v.replace("'", "'\\''")).append('\''));
        return new Pty(command.append(' ').append(launcher).toString());
    }

    /** Stops the service as systemd does (SIGTERM) and waits for it; its exit status. */
    int stop(Duration limit) {
        process.destroy();
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the service did not stop within " + limit.toSeconds() + " s of SIGTERM:\n" + Host.read(log()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    /** After a failure: the service killed with its process tree (its guests run in it on the embedded driver). */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
