package io.phyllome.host.rest.relay;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.phyllome.host.rest.http.Json;
import io.phyllome.host.rest.http.Problem;
import io.phyllome.host.socket.UnixSocketListener;

/**
 * Relays each connection of a Unix socket, byte for byte, to the API's TCP listener. Why a relay:
 * Felix HTTP takes every Jetty connector for a {@code ServerConnector} (it lists their hosts and
 * ports as the runtime's endpoints), so Jetty's {@code UnixDomainServerConnector} cannot be added
 * through its {@code ConnectorFactory}. The listener sees the relay's loopback address; tokens are
 * checked there as for any client. At most {@code maxConnections} at once, each on two threads;
 * one more is answered 503 and closed.
 */
public final class SocketRelay implements UnixSocketListener.Connections, AutoCloseable {

    /**
     * The answer to a connection beyond the limit: the listener never sees it, so the relay writes
     * the whole response. Made at the first refusal, not at start: Jackson's first use takes a
     * second, and the service's start must not wait for it.
     */
    private static final class Busy {
        static final byte[] ANSWER = busy(Problem.of(503, "the API socket serves as many connections as it may: try again"));
    }

    /** How long a client waits for a listener that is not open (yet). */
    private static final long LISTENER_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final InetSocketAddress target;
    private final UnixSocketListener socket;

    /** Binds {@code path} (mode 0600, or 0660 with {@code group}) and relays what it accepts to {@code target}. */
    public SocketRelay(Path path, String group, InetSocketAddress target, int maxConnections) throws IOException {
        this.target = target;
        this.socket = new UnixSocketListener(path, group, "phyllome-api-socket", maxConnections, 2, this);
    }

    /** Stops accepting, cuts the connections and removes the socket file. */
    @Override
    public void close() {
        socket.close();
    }

    /** The client's bytes to the listener on a second thread, the listener's back on this one. */
    @Override
    public void serve(SocketChannel client, ExecutorService pool) throws IOException {
        try (SocketChannel listener = connect()) {
            pool.execute(() -> {
                copy(client, listener);
                try {
                    listener.shutdownOutput(); // the client sent all: the listener may still answer
                } catch (IOException e) {
                    // closed already
                }
            });
            copy(listener, client); // the listener closed: the connection is over
        }
    }

    @Override
    public void refuse(SocketChannel client) throws IOException {
        ByteBuffer answer = ByteBuffer.wrap(Busy.ANSWER);
        while (answer.hasRemaining()) {
            client.write(answer);
        }
    }

    private static byte[] busy(Problem problem) {
        try {
            String body = Json.MAPPER.writeValueAsString(problem);
            return ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: " + Problem.MEDIA_TYPE + "\r\nConnection: close\r\nRetry-After: 1\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a record of strings and a number
        }
    }

    /** The listener, waited for while it opens (the socket file comes first, when the service starts). */
    private SocketChannel connect() throws IOException {
        long deadline = System.nanoTime() + LISTENER_WAIT_NANOS;
        while (true) {
            try {
                return SocketChannel.open(target);
            } catch (ConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw new ConnectException("the API socket cannot reach the listener on " + target + ": " + e.getMessage());
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
}
