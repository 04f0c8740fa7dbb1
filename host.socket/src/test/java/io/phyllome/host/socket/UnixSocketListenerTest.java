package io.phyllome.host.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener with connections that echo a line upper-cased, or wait for the test to let them go. */
class UnixSocketListenerTest {

    private static final String NO_GROUP = "no-such-group-here";

    @TempDir
    Path dir;
    private final CountDownLatch release = new CountDownLatch(1);

    /** Serves by upper-casing what the client sent until it shut its output, once the test releases it if it must. */
    private final class Echo implements UnixSocketListener.Connections {
        private final boolean waits;

        Echo(boolean waits) {
            this.waits = waits;
        }

        @Override
        public void serve(SocketChannel client, ExecutorService pool) throws IOException {
            String read = new String(Channels.newInputStream(client).readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (waits && !release.await(10, TimeUnit.SECONDS)) {
                    throw new IOException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            client.write(ByteBuffer.wrap(read.toUpperCase().getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public void refuse(SocketChannel client) throws IOException {
            client.write(ByteBuffer.wrap("busy".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void servesWithTheOwnersModeAndRemovesItsFile() throws Exception {
        Path socket = dir.resolve("run").resolve("test.sock");
        try (UnixSocketListener listener = new UnixSocketListener(socket, NO_GROUP, "test", 4, 1, new Echo(false))) {
            assertEquals(socket, listener.path());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)), "no group here: the owner's alone");
            assertEquals("HELLO", exchange(socket, "hello"));
            try (var left = Files.list(socket.getParent())) {
                assertEquals(0, left.filter(p -> !p.equals(socket)).count(), "no staging directory is left");
            }
        }
        assertFalse(Files.exists(socket), "the socket file goes with the listener");
    }

    @Test
    void aLiveSocketIsNotTakenOverAStaleOneIs() throws Exception {
        Path socket = dir.resolve("test.sock");
        try (UnixSocketListener first = new UnixSocketListener(socket, NO_GROUP, "test", 4, 1, new Echo(false))) {
            SocketInUseException refused = assertThrows(SocketInUseException.class,
                    () -> new UnixSocketListener(socket, NO_GROUP, "test", 4, 1, new Echo(false)));
            assertTrue(refused.getMessage().contains("another process listens on " + socket), refused.getMessage());
            assertEquals("STILL", exchange(socket, "still"), "the live listener keeps its socket");
        }
        try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(socket)); // a killed service leaves its file, which nobody answers on
        }
        assertTrue(Files.exists(socket));
        try (UnixSocketListener next = new UnixSocketListener(socket, NO_GROUP, "test", 4, 1, new Echo(false))) {
            assertEquals("TAKEN", exchange(socket, "taken"));
        }
    }

    @Test
    void anotherServicesSocketInItsPlaceIsNotRemoved() throws Exception {
        Path socket = dir.resolve("test.sock");
        UnixSocketListener first = new UnixSocketListener(socket, NO_GROUP, "test", 4, 1, new Echo(false));
        Files.delete(socket); // an operator removed it, and a second service bound its own there
        try (UnixSocketListener second = new UnixSocketListener(socket, NO_GROUP, "test", 4, 1, new Echo(false))) {
            first.close();
            assertEquals("SECOND'S", exchange(socket, "second's"), "the first listener removed only its own file");
        }
    }

    @Test
    void oneConnectionMoreThanTheLimitIsRefusedAndTheFirstIsServed() throws Exception {
        Path socket = dir.resolve("test.sock");
        try (UnixSocketListener listener = new UnixSocketListener(socket, NO_GROUP, "test", 1, 1, new Echo(true));
                SocketChannel holding = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            holding.write(ByteBuffer.wrap("held".getBytes(StandardCharsets.US_ASCII)));
            holding.shutdownOutput(); // its connection now waits for the release, holding the one slot
            Thread.sleep(200);
            try (SocketChannel extra = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                assertEquals("busy", new String(Channels.newInputStream(extra).readAllBytes(), StandardCharsets.US_ASCII));
            }
            release.countDown();
            assertEquals("HELD", new String(Channels.newInputStream(holding).readAllBytes(), StandardCharsets.US_ASCII));
            assertEquals("FREE AGAIN", exchange(socket, "free again"), "the slot is free once its connection ended");
        }
    }

    @Test
    void closingCutsOpenConnections() throws Exception {
        Path socket = dir.resolve("test.sock");
        SocketChannel client;
        try (UnixSocketListener listener = new UnixSocketListener(socket, NO_GROUP, "test", 4, 1, new Echo(true))) {
            client = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            client.write(ByteBuffer.wrap("pending".getBytes(StandardCharsets.US_ASCII)));
            Thread.sleep(200);
        }
        try (client) {
            assertEquals(-1, Channels.newInputStream(client).read(), "the listener closed the client's connection");
        }
    }

    private static String exchange(Path socket, String text) throws IOException {
        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            client.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            client.shutdownOutput();
            return new String(Channels.newInputStream(client).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
