package io.phyllome.host.console.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * A VM's serial log followed to the browser as binary frames, as {@code tail -f} does: its last
 * 64 KiB first, then what the guest writes. Read-only: the profiles' serial port writes to a
 * file, so nothing typed reaches the guest; what the browser sends is dropped.
 */
final class SerialLogStream implements FrameHandler {

    private static final int CHUNK = 64 * 1024;
    private static final long POLL_MILLIS = 250;

    private final String vm;
    private final Path log;
    private volatile CoreSession session;
    private volatile boolean open = true;

    SerialLogStream(String vm, Path log) {
        this.vm = vm;
        this.log = log;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        Thread follower = new Thread(this::follow, "console-serial-" + vm);
        follower.setDaemon(true);
        follower.start();
        callback.succeeded();
        coreSession.demand();
    }

    private void follow() {
        byte[] buffer = new byte[CHUNK];
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long position = Math.max(0, file.length() - CHUNK);
            while (open) {
                if (file.length() < position) {
                    position = 0; // the log was truncated: the VM started again
                }
                file.seek(position);
                int n = file.read(buffer);
                if (n > 0) {
                    position += n;
                    FutureCallback sent = new FutureCallback();
                    session.sendFrame(new Frame(OpCode.BINARY, ByteBuffer.wrap(Arrays.copyOf(buffer, n))), sent, false);
                    sent.block();
                } else {
                    Thread.sleep(POLL_MILLIS);
                }
            }
        } catch (IOException e) {
            session.close(CloseStatus.SERVER_ERROR, "cannot read the serial log of VM '" + vm + "': " + e.getMessage(), Callback.NOOP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        callback.succeeded();
        if (frame.getOpCode() != OpCode.CLOSE) {
            session.demand();
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        open = false;
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        open = false;
        callback.succeeded();
    }
}
