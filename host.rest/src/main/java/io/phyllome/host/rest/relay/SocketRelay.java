package io.phyllome.host.rest.relay;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Relays each connection of a Unix socket, byte for byte, to the API's TCP listener. Why a relay:
 * Felix HTTP takes every Jetty connector for a {@code ServerConnector} (it lists their hosts and
 * ports as the runtime's endpoints), so Jetty's {@code UnixDomainServerConnector} cannot be added
 * through its {@code ConnectorFactory}. The listener sees the relay's loopback address; tokens are
 * checked there as for any client. At most {@code maxConnections} at once, each on two threads of
 * a fixed pool; one more is answered 503 and closed.
 */
public final class SocketRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SocketRelay.class.getName());
    private static final String BUSY_BODY = "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
            + "\"detail\":\"the API socket serves as many connections as it may: try again\"}";
    private static final byte[] BUSY = ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nConnection: close\r\n"
            + "Retry-After: 1\r\nContent-Length: " + BUSY_BODY.length() + "\r\n\r\n" + BUSY_BODY).getBytes(StandardCharsets.US_ASCII);

    /** How long a client waits for a listener that is not open (yet). */
    private static final long LISTENER_WAIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private final SocketFile file;
    private final InetSocketAddress target;
    private final Semaphore slots;
    private final ServerSocketChannel server;
    private final ExecutorService threads;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();

    /** Binds {@code file} (see {@link SocketFile}) and relays what it accepts to {@code target}. */
    public SocketRelay(SocketFile file, InetSocketAddress target, int maxConnections) throws IOException {
        this.file = file;
        this.target = target;
        this.slots = new Semaphore(maxConnections);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            file.bind(server);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        this.threads = Executors.newFixedThreadPool(2 * maxConnections + 2, daemon("phyllome-api-socket"));
        threads.execute(this::accept);
    }

    /** Stops accepting, cuts the connections and removes the socket file. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warning("closing the API socket: " + e.getMessage());
        }
        file.remove();
        open.forEach(SocketRelay::closeQuietly);
        threads.shutdownNow();
    }

    private void accept() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return; // closed
            } catch (IOException e) {
                LOG.warning("the API socket failed to accept a client: " + e.getMessage());
                continue;
            }
            if (!slots.tryAcquire()) {
                threads.execute(() -> busy(client));
                continue;
            }
            try {
                threads.execute(() -> relay(client));
            } catch (RejectedExecutionException e) {
                closeQuietly(client); // accepted while closing
                slots.release();
                return;
            }
        }
    }

    /** The client's bytes to the listener on a second thread, the listener's back on this one. */
    private void relay(SocketChannel client) {
        SocketChannel upstream = null;
        try {
            open.add(client);
            upstream = connect();
            open.add(upstream);
            SocketChannel listener = upstream;
            threads.execute(() -> {
                copy(client, listener);
                try {
                    listener.shutdownOutput(); // the client sent all: the listener may still answer
                } catch (IOException e) {
                    // closed already
                }
            });
            copy(upstream, client); // the listener closed: the connection is over
        } catch (IOException | RejectedExecutionException e) {
            if (server.isOpen()) {
                LOG.log(Level.WARNING, "the API socket cannot reach the listener on " + target + ": " + e.getMessage());
            }
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
            open.remove(client);
            if (upstream != null) {
                open.remove(upstream);
            }
            slots.release();
        }
    }

    /** The listener, waited for while it opens (the socket file comes first, when the service starts). */
    private SocketChannel connect() throws IOException {
        long deadline = System.nanoTime() + LISTENER_WAIT_NANOS;
        while (true) {
            try {
                return SocketChannel.open(target);
            } catch (ConnectException e) {
                if (System.nanoTime() > deadline || !server.isOpen()) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void copy(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 15);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
        } catch (IOException e) {
            // either side went away: the other is closed by the relay
        }
    }

    private static void busy(SocketChannel client) {
        try (client) {
            ByteBuffer answer = ByteBuffer.wrap(BUSY);
            while (answer.hasRemaining()) {
                client.write(answer);
            }
        } catch (IOException e) {
            // gone already
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closed already
            }
        }
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        };
    }
}
