package io.phyllome.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.phyllome.host.client.protocol.Frame;
import io.phyllome.host.client.protocol.FrameChannel;

/**
 * {@code ./phyllome serve} as a host runs it, in a state directory of its own, and
 * {@code ./phyllome COMMAND} beside it (the thin client). Ready is when its log says both that it
 * listens on its control socket and that it connected to libvirt.
 */
final class ServiceProcess implements AutoCloseable {

    private final Context ctx;
    private final Map<String, String> env;
    private final Process process;
    private final long started;
    private final AtomicLong listening = new AtomicLong(-1), connected = new AtomicLong(-1);
    private final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile Path socket;
    private final Path state;

    /** Starts the service on {@code uri} with the state directory {@code state}. */
    ServiceProcess(Context ctx, Path state, String uri) throws IOException {
        this(ctx, state, uri, Map.of());
    }

    /** The same, with {@code extraEnv} (e.g. {@code PHYLLOME_CONFIG_DIR}) in its environment and its commands'. */
    ServiceProcess(Context ctx, Path state, String uri, Map<String, String> extraEnv) throws IOException {
        this.ctx = ctx;
        this.state = state;
        Files.createDirectories(state);
        env = new HashMap<>(ctx.env());
        env.putAll(extraEnv);
        env.put("PHYLLOME_STATE_DIR", state.toString());
        env.put("PHYLLOME_LIBVIRT_URI", uri);
        env.put("PHYLLOME_NO_BUILD", "1");
        ProcessBuilder builder = new ProcessBuilder(ctx.root().resolve("phyllome").toString(), "serve").redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        builder.environment().remove("PHYLLOME_NO_SERVICE");
        started = System.nanoTime();
        process = builder.start();
        Thread reader = new Thread(this::read, "bench-service-log");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null;) {
                log.add(line);
                if (line.contains("listening on ")) {
                    listening.compareAndSet(-1, System.nanoTime());
                    socket = Path.of(line.substring(line.indexOf("listening on ") + "listening on ".length()).trim());
                }
                if (line.contains("connected to ")) {
                    connected.compareAndSet(-1, System.nanoTime());
                }
            }
        } catch (IOException e) {
            // the service ended
        }
    }

    /** Waits until the service listens and is connected; the time from its start (ms). */
    double awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (listening.get() < 0 || connected.get() < 0) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("the service did not get ready (its log: " + String.join(" | ", log) + ")");
            }
            Thread.sleep(1);
        }
        return Stats.ms(Math.max(listening.get(), connected.get()) - started);
    }

    /** Its resident memory now (MiB); the launcher execs java, so the process is the JVM. */
    double rssMiB() {
        return Proc.rssKiB(process.pid()) / 1024.0;
    }

    /** The environment under which {@code ./phyllome COMMAND} reaches this service. */
    Map<String, String> env() {
        return env;
    }

    /** {@code ./phyllome ARGS}, measured, as a user types it while the service runs. */
    Proc.Result client(String... args) {
        List<String> command = new ArrayList<>(List.of(ctx.root().resolve("phyllome").toString()));
        command.addAll(List.of(args));
        return Proc.measure(command, env, ctx.scratch());
    }

    /**
     * One command through the control socket from this process, as the thin client sends it
     * (hello, command, frames until its exit): the round trip without a client JVM (ms).
     */
    double roundTrip(String... words) throws IOException {
        long start = System.nanoTime();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            FrameChannel frames = new FrameChannel(channel);
            frames.write(Frame.hello(0));
            frames.read();
            frames.write(Frame.command(List.of(words)));
            for (Optional<Frame> next = frames.read(); next.isPresent(); next = frames.read()) {
                if (next.get().type() == Frame.Type.EXIT) {
                    if (next.get().status() != 0) {
                        throw new IllegalStateException(String.join(" ", words) + " through the socket exited " + next.get().status());
                    }
                    return Stats.ms(System.nanoTime() - start);
                }
            }
        }
        throw new IllegalStateException("the service closed the connection during " + String.join(" ", words));
    }

    /** Stops the service; its log stays beside its state directory, for a look at where start-up time went. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.write(state.resolveSibling(state.getFileName() + ".log"), List.copyOf(log));
        } catch (IOException e) {
            // only for a look afterwards
        }
    }
}
