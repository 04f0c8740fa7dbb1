package io.phyllome.host.console.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * A browser's WebSocket fed from a source on this host (a VNC server, a serial log) by one of the
 * console's {@link FeedThreads}: the thread sends binary frames and waits for each to be sent
 * before it reads on, so a slow browser slows the source, not the heap. What the browser sends
 * goes to {@link #received}; the source is released when the WebSocket closes or fails, and when
 * the console stops.
 */
abstract class BrowserFeed implements FrameHandler {

    /** The most one frame carries. */
    static final int CHUNK = 64 * 1024;

    final String vm;
    private final FeedThreads threads;
    private volatile CoreSession session;

    BrowserFeed(String vm, FeedThreads threads) {
        this.vm = vm;
        this.threads = threads;
    }

    /** Reads the source and {@link #send}s it until the source ends or is {@link #release}d; runs on a feed thread. */
    abstract void feed();

    /** Stops reading the source and frees it; called more than once, and from any thread. */
    abstract void release();

    /** A binary frame from the browser; dropped unless the source takes input. */
    void received(ByteBuffer payload) throws IOException {
        // read-only by default
    }

    /** Sends {@code length} bytes of {@code buffer} and waits until they are sent. */
    final void send(byte[] buffer, int length) throws IOException {
        FutureCallback sent = new FutureCallback();
        session.sendFrame(new Frame(OpCode.BINARY, ByteBuffer.wrap(Arrays.copyOf(buffer, length))), sent, false);
        sent.block();
    }

    /** Closes the WebSocket, telling the browser why. */
    final void close(int status, String reason) {
        session.close(status, reason, Callback.NOOP);
    }

    /** The console stops: the browser is told so, and the source is released. */
    final void stop() {
        close(CloseStatus.SHUTDOWN, "the console of VM '" + vm + "' is stopping: open it again");
        release();
    }

    @Override
    public final void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        if (!threads.start(this)) {
            release();
            callback.failed(new IllegalStateException("the console is stopping"));
            return;
        }
        callback.succeeded();
        coreSession.demand();
    }

    @Override
    public final void onFrame(Frame frame, Callback callback) {
        byte opCode = frame.getOpCode();
        if (opCode == OpCode.BINARY || opCode == OpCode.CONTINUATION) {
            try {
                received(frame.getPayload());
            } catch (IOException e) {
                callback.failed(e);
                return;
            }
        }
        callback.succeeded();
        if (opCode != OpCode.CLOSE) {
            session.demand();
        }
    }

    @Override
    public final void onError(Throwable cause, Callback callback) {
        release();
        callback.succeeded();
    }

    @Override
    public final void onClosed(CloseStatus closeStatus, Callback callback) {
        release();
        callback.succeeded();
    }
}
