package io.phyllome.host.shell.control;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
import io.phyllome.host.socket.SocketInUseException;
import io.phyllome.host.socket.UnixSocketListener;
import io.phyllome.host.vm.VmException;

/**
 * The service's control socket: the thin {@code phyllome} client runs shell commands through it
 * (see {@link io.phyllome.host.client.protocol.Frame}). It listens only where the launcher says,
 * with the framework property {@value #SOCKET_PROPERTY} ({@code ./phyllome serve} sets it), so a
 * one-shot platform or a test's opens none. The socket is its owner's only (mode 0600), or also
 * the group {@value UnixSocketListener#SHARED_GROUP}'s where that group exists (0660).
 *
 * <p>It listens from the platform's first moment; each command waits until the shell is
 * {@link ShellReady ready}, so a client neither meets a half-started shell nor, while the service
 * starts, runs its command in a second platform.
 */
@Component(immediate = true)
public class ControlSocket {

    static final String SOCKET_PROPERTY = "phyllome.control.socket";
    /** Clients served at once; one more is told to try again. */
    static final int MAX_SESSIONS = 32;
    /** How long a command waits for a starting platform (the first start probes QEMU). */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final System.Logger LOG = System.getLogger(ControlSocket.class.getName());

    private final CommandProcessor processor;
    private final String greeting;
    private ShellReady ready;
    private volatile Completion completion;
    private UnixSocketListener socket;
    private ScheduledExecutorService timer; // ends sessions whose client is silent

    @Activate
    public ControlSocket(@Reference CommandProcessor processor, BundleContext context) throws IOException {
        this.processor = processor;
        this.greeting = "Phyllome Host " + context.getBundle().getVersion();
        String path = context.getProperty(SOCKET_PROPERTY);
        if (path == null || path.isBlank()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "phyllome-control-timer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            // a session takes two threads (its commands and its reader of the client's frames)
            socket = new UnixSocketListener(Path.of(path), UnixSocketListener.SHARED_GROUP, "phyllome-control", MAX_SESSIONS, 2, new Sessions());
        } catch (IOException | RuntimeException e) {
            timer.shutdownNow();
            if (e instanceof SocketInUseException) {
                throw new VmException(e.getMessage(), e); // the user's mistake, not the platform's failure
            }
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "listening on " + socket.path());
    }

    @Deactivate
    void deactivate() {
        if (socket == null) {
            return;
        }
        socket.close();
        timer.shutdownNow();
        removePidFile(socket.path());
    }

    /** Each connection a session of shell commands; one beyond the limit is told the service is busy. */
    private final class Sessions implements UnixSocketListener.Connections {

        @Override
        public void serve(SocketChannel client, ExecutorService pool) {
            new ControlSession(new FrameChannel(client), processor, ControlSocket.this::awaitReady, ControlSocket.this::complete, greeting, pool,
                    timer).run();
        }

        @Override
        public void refuse(SocketChannel client) throws IOException {
            FrameChannel frames = new FrameChannel(client);
            frames.write(Frame.text(Frame.Type.HELLO, "busy"));
            frames.write(Frame.text(Frame.Type.ERR, "phyllome: the service is serving " + MAX_SESSIONS + " clients: try again\n"));
            frames.write(Frame.exit(1));
        }
    }

    /** The pid file the launcher wrote beside the socket for this process while it started. */
    private static void removePidFile(Path socket) {
        Path pid = socket.resolveSibling(socket.getFileName().toString().replaceFirst("\\.sock$", "") + ".pid");
        try {
            if (Files.isRegularFile(pid) && Files.readString(pid).strip().equals(Long.toString(ProcessHandle.current().pid()))) {
                Files.delete(pid);
            }
        } catch (IOException e) {
            // a stale pid file names a dead process
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
}
