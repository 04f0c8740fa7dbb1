package io.phyllome.host.console.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's feeds on their threads: what reaches the browser, and that they end with their WebSocket or the console. */
class BrowserFeedTest {

    /** The browser's end of a WebSocket: the bytes sent to it and how it was closed. */
    private static final class Browser extends CoreSession.Empty {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        volatile int closedWith = -1;

        @Override
        public void sendFrame(Frame frame, Callback callback, boolean batch) {
            ByteBuffer payload = frame.getPayload();
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            synchronized (received) {
                received.writeBytes(bytes);
            }
            callback.succeeded();
        }

        @Override
        public void close(int statusCode, String reason, Callback callback) {
            closedWith = statusCode;
            callback.succeeded();
        }

        String text() {
            synchronized (received) {
                return received.toString(StandardCharsets.UTF_8);
            }
        }
    }

    @TempDir
    Path dir;

    private final FeedThreads threads = new FeedThreads();
    private final Browser browser = new Browser();

    @AfterEach
    void closeThreads() {
        threads.close();
    }

    @Test
    void aSerialLogIsFollowedUntilItsWebSocketCloses() throws Exception {
        Path log = Files.writeString(dir.resolve("vm.serial.log"), "booting\n");
        SerialLogStream stream = new SerialLogStream("vm", log, threads);
        open(stream);
        await(() -> browser.text().equals("booting\n"), "the log so far is sent");
        Files.writeString(log, "PHYLLOME-MARKER\n", StandardOpenOption.APPEND);
        await(() -> browser.text().equals("booting\nPHYLLOME-MARKER\n"), "what the guest writes next is sent");

        stream.onClosed(CloseStatus.NORMAL_STATUS, Callback.NOOP);
        await(() -> threads.running() == 0, "the feed's thread is free once the browser left");
    }

    @Test
    void aVncBridgeCarriesBothWaysAndClosingTheThreadsEndsIt() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket vnc = new Socket();
            vnc.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5000);
            try (Socket display = server.accept()) {
                VncBridge bridge = new VncBridge("vm", vnc, threads);
                open(bridge);
                display.getOutputStream().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
                await(() -> browser.text().equals("RFB 003.008\n"), "the VNC server's bytes reach the browser");

                FutureCallback written = new FutureCallback();
                bridge.onFrame(new Frame(OpCode.BINARY, ByteBuffer.wrap(new byte[] { 1, 2, 3 })), written);
                written.block(5, TimeUnit.SECONDS);
                byte[] got = display.getInputStream().readNBytes(3);
                assertArrayEquals(new byte[] { 1, 2, 3 }, got, "the browser's bytes reach the VNC server");

                // the feed blocks reading the VNC socket; the console stopping must end it all the same
                threads.close();
                await(() -> threads.running() == 0, "the feed ended when the console stopped");
                assertEquals(CloseStatus.SHUTDOWN, browser.closedWith, "the browser is told the console stops");
                InputStream fromBridge = display.getInputStream();
                assertEquals(-1, fromBridge.read(), "the VNC connection is closed");
            }
        }
    }

    @Test
    void noFeedOpensOnceTheConsoleStopped() throws Exception {
        threads.close();
        SerialLogStream stream = new SerialLogStream("vm", Files.writeString(dir.resolve("vm.serial.log"), "x"), threads);
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        stream.onOpen(browser, Callback.from(() -> failure.complete(null), failure::complete));
        assertInstanceOf(IllegalStateException.class, failure.get(5, TimeUnit.SECONDS), "the WebSocket is refused");
        assertEquals(0, threads.running());
    }

    private void open(BrowserFeed feed) throws Exception {
        FutureCallback opened = new FutureCallback();
        feed.onOpen(browser, opened);
        opened.block(5, TimeUnit.SECONDS);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(20);
        }
    }
}
