package io.phyllome.host.shell.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.phyllome.host.client.protocol.Candidate;
import io.phyllome.host.client.protocol.Frame;
import io.phyllome.host.client.protocol.FrameChannel;
import io.phyllome.host.shell.Completion;
import io.phyllome.host.vm.VmException;

/**
 * The service's control socket: the thin {@code phyllome} client runs shell commands through it
 * (see {@link io.phyllome.host.client.protocol.Frame}). It listens only where the launcher says,
 * with the framework property {@value #SOCKET_PROPERTY} ({@code ./phyllome serve} sets it), so a
 * one-shot platform or a test's opens none. The socket is its owner's only (mode 0600), or also
 * the group {@value #GROUP}'s where that group exists (0660).
 *
 * <p>It listens from the platform's first moment; each command waits until the shell is
 * {@link ShellReady ready}, so a client neither meets a half-started shell nor, while the service
 * starts, runs its command in a second platform.
 */
@Component(immediate = true)
public class ControlSocket {

    static final String SOCKET_PROPERTY = "phyllome.control.socket";
    static final String GROUP = "phyllome";
    /** Clients served at once; one more is told to try again. */
    static final int MAX_SESSIONS = 32;
    /** How long a command waits for a starting platform (the first start probes QEMU). */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final System.Logger LOG = System.getLogger(ControlSocket.class.getName());

    private final CommandProcessor processor;
    private final String greeting;
    private final Semaphore sessions = new Semaphore(MAX_SESSIONS);
    private ShellReady ready;
    private volatile Completion completion;
    private ServerSocketChannel server;
    private SocketFile socket;
    private ExecutorService threads;
    private ScheduledExecutorService timer;

    @Activate
    public ControlSocket(@Reference CommandProcessor processor, BundleContext context) throws IOException {
        this.processor = processor;
        this.greeting = "Phyllome Host " + context.getBundle().getVersion();
        String path = context.getProperty(SOCKET_PROPERTY);
        if (path == null || path.isBlank()) {
            return;
        }
        socket = new SocketFile(Path.of(path), GROUP);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            socket.bind(server);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        // a session takes two threads (its commands and its reader of the client's frames)
        threads = Executors.newFixedThreadPool(2 * MAX_SESSIONS + 1, daemon("phyllome-control"));
        timer = Executors.newSingleThreadScheduledExecutor(daemon("phyllome-control-timer"));
        threads.execute(this::accept);
        LOG.log(System.Logger.Level.INFO, "listening on " + socket.path());
    }

    @Deactivate
    void deactivate() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the control socket: " + e.getMessage());
        }
        socket.remove();
        threads.shutdownNow();
        timer.shutdownNow();
    }

    private void accept() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return; // deactivated
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "the control socket failed to accept a client: " + e.getMessage());
                continue;
            }
            FrameChannel frames = new FrameChannel(client);
            try {
                if (!sessions.tryAcquire()) {
                    threads.execute(() -> busy(frames));
                    continue;
                }
                threads.execute(() -> {
                    try {
                        new ControlSession(frames, processor, this::awaitReady, this::complete, greeting, threads, timer).run();
                    } finally {
                        sessions.release();
                    }
                });
            } catch (RejectedExecutionException e) {
                closeQuietly(frames); // accepted while the service stops
                return;
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindReady(ShellReady shell) {
        ready = shell;
        notifyAll();
    }

    synchronized void unbindReady(ShellReady shell) {
        if (ready == shell) {
            ready = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindCompletion(Completion shell) {
        completion = shell;
    }

    void unbindCompletion(Completion shell) {
        if (completion == shell) {
            completion = null;
        }
    }

    /** Tab completion at a client's prompt; nothing while the shell's completion is not there yet. */
    private List<Candidate> complete(String beforeCursor) {
        Completion shell = completion;
        try {
            return shell == null ? List.of() : shell.complete(beforeCursor);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "completion failed: " + e); // a convenience: the session goes on
            return List.of();
        }
    }

    /** Before each command: the shell has all its commands, profiles are restored and the configuration applied. */
    private void awaitReady() {
        ShellReady shell;
        synchronized (this) {
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (ready == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new VmException("the platform is not ready after " + READY_TIMEOUT.toSeconds() + " s: its log says why");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new VmException("interrupted waiting for the platform to be ready", e);
                }
            }
            shell = ready;
        }
        shell.await();
    }

    private static void closeQuietly(FrameChannel frames) {
        try {
            frames.close();
        } catch (IOException e) {
            // gone already
        }
    }

    private static void busy(FrameChannel frames) {
        try (frames) {
            frames.write(Frame.text(Frame.Type.HELLO, "busy"));
            frames.write(Frame.text(Frame.Type.ERR, "phyllome: the service is serving " + MAX_SESSIONS + " clients: try again\n"));
            frames.write(Frame.exit(1));
        } catch (IOException e) {
            // gone already
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        };
    }
}
