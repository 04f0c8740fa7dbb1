package io.phyllome.host.rest.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay (its socket's file and limits are UnixSocketListenerTest's) against a TCP server that answers each connection with what it read, upper-cased, once its client has sent all. */
class SocketRelayTest {

    @TempDir
    Path dir;
    private volatile ServerSocket upstream;
    private Thread server;

    @BeforeEach
    void upperCasingServer() throws IOException {
        upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        upperCasingServerOn(upstream);
    }

    private void upperCasingServerOn(ServerSocket upstream) {
        server = new Thread(() -> {
            while (!upstream.isClosed()) {
                try (Socket s = upstream.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    out.write(new String(in.readAllBytes(), StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // closed
                }
            }
        });
        server.setDaemon(true);
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        upstream.close();
    }

    @Test
    void relaysBothWaysAndRemovesItsFile() throws Exception {
        Path socket = dir.resolve("run").resolve("api.sock");
        try (SocketRelay relay = new SocketRelay(socket, "no-such-group-here", target(), 4)) {
            assertEquals("HELLO OVER THE RELAY", exchange(socket, "hello over the relay"));
            byte[] large = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII); // larger than the relay's buffer and the sockets'
            assertEquals("X".repeat(1 << 20), exchange(socket, new String(large, StandardCharsets.US_ASCII)));
        }
        assertFalse(Files.exists(socket), "the socket file goes with the relay");
    }

    @Test
    void oneConnectionMoreThanTheLimitIsAnswered503() throws Exception {
        Path socket = dir.resolve("api.sock");
        try (SocketRelay relay = new SocketRelay(socket, "none", target(), 1);
                SocketChannel holding = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            holding.write(java.nio.ByteBuffer.wrap("held".getBytes(StandardCharsets.US_ASCII))); // its relay waits for the rest
            Thread.sleep(200);
            try (SocketChannel extra = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                String answer = new String(Channels.newInputStream(extra).readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(answer.startsWith("HTTP/1.1 503 ") && answer.contains("\"status\":503"), answer);
                int length = Integer.parseInt(answer.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
                assertEquals(length, answer.substring(answer.indexOf("\r\n\r\n") + 4).length());
            }
            holding.shutdownOutput();
            assertEquals("HELD", new String(Channels.newInputStream(holding).readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aClientWaitsForAListenerThatOpensLate() throws Exception {
        Path socket = dir.resolve("api.sock");
        int port = upstream.getLocalPort();
        upstream.close();
        server.join(5000);
        try (SocketRelay relay = new SocketRelay(socket, "none", new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4)) {
            Thread late = new Thread(() -> {
                try {
                    Thread.sleep(500);
                    upstream = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
                    upperCasingServerOn(upstream);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            late.start();
            assertEquals("LATE", exchange(socket, "late"));
        }
    }

    private InetSocketAddress target() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), upstream.getLocalPort());
    }

    private static String exchange(Path socket, String text) throws IOException {
        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            Thread writer = new Thread(() -> { // the channel's own calls: its streams would take turns on one lock
                try {
                    java.nio.ByteBuffer out = java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                    while (out.hasRemaining()) {
                        client.write(out);
                    }
                    client.shutdownOutput();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
            java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(1 << 16);
            while (client.read(in) >= 0) {
                read.write(in.array(), 0, in.position());
                in.clear();
            }
            return read.toString(StandardCharsets.UTF_8);
        }
    }
}
