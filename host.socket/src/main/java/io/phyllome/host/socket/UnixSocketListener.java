package io.phyllome.host.socket;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * A Unix-domain socket that serves at most {@code maxConnections} connections at once, each on
 * threads of a fixed pool the listener owns; one more is {@linkplain Connections#refuse refused}
 * (told to try again) and closed. Its file is made by {@link SocketFile}: mode 0600, or 0660 with
 * the given group, never over a live socket, and removed at {@link #close()} unless another
 * process has bound its own there since.
 */
public final class UnixSocketListener implements AutoCloseable {

    /** The group whose members may use the service's sockets too, where the host has it (mode 0660). */
    public static final String SHARED_GROUP = "phyllome";

    /** What the listener does with what it accepts. */
    public interface Connections {

        /**
         * Serves one connection, on a thread of the pool; the connection's slot is free again, and
         * the channel closed, when this returns. {@code pool} runs the connection's other threads.
         */
        void serve(SocketChannel client, ExecutorService pool) throws IOException;

        /** Answers a connection beyond the limit (busy: try again); it is closed afterwards. */
        void refuse(SocketChannel client) throws IOException;
    }

    private final System.Logger log;
    private final SocketFile file;
    private final Connections connections;
    private final Semaphore slots;
    private final ServerSocketChannel server;
    private final ExecutorService pool;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();

    /**
     * Binds {@code path} and starts accepting. A connection takes {@code threadsPerConnection}
     * threads of the pool at most; the pool has one more for accepting and one for a refusal.
     *
     * @throws SocketInUseException when a live process answers on {@code path}
     */
    public UnixSocketListener(Path path, String group, String name, int maxConnections, int threadsPerConnection, Connections connections)
            throws IOException {
        this.log = System.getLogger(UnixSocketListener.class.getName() + "." + name);
        this.file = new SocketFile(path, group);
        this.connections = connections;
        this.slots = new Semaphore(maxConnections);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            file.bind(server);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        this.pool = Executors.newFixedThreadPool(threadsPerConnection * maxConnections + 2, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        pool.execute(this::accept);
    }

    public Path path() {
        return file.path();
    }

    /** Stops accepting, cuts the open connections, stops their threads and removes the socket file. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "closing " + file.path() + ": " + e.getMessage());
        }
        file.remove();
        open.forEach(UnixSocketListener::closeQuietly);
        pool.shutdownNow();
    }

    private void accept() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return; // closed
            } catch (IOException e) {
                log.log(System.Logger.Level.WARNING, file.path() + " failed to accept a client: " + e.getMessage());
                continue;
            }
            boolean served = slots.tryAcquire();
            try {
                pool.execute(served ? () -> serve(client) : () -> refuse(client));
            } catch (RejectedExecutionException e) {
                closeQuietly(client); // accepted while closing
                if (served) {
                    slots.release();
                }
                return;
            }
        }
    }

    private void serve(SocketChannel client) {
        open.add(client);
        try {
            connections.serve(client, pool);
        } catch (IOException | RejectedExecutionException e) {
            if (server.isOpen()) {
                log.log(System.Logger.Level.WARNING, "a connection on " + file.path() + " failed: " + e.getMessage());
            }
        } finally {
            open.remove(client);
            closeQuietly(client);
            slots.release();
        }
    }

    private void refuse(SocketChannel client) {
        try (client) {
            connections.refuse(client);
        } catch (IOException e) {
            // gone already
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closed already
        }
    }
}
