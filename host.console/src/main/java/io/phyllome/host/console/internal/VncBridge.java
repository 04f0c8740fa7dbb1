package io.phyllome.host.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
 * One browser's WebSocket joined to one VNC connection: binary frames in are written to the VNC
 * server, its bytes come back as binary frames. A thread reads the VNC side and waits for each
 * frame to be sent before it reads on, so a slow browser slows the VNC server, not the heap.
 */
final class VncBridge implements FrameHandler {

    private static final System.Logger LOG = System.getLogger(VncBridge.class.getName());
    private static final int CHUNK = 64 * 1024;

    private final String vm;
    private final Socket vnc;
    private volatile CoreSession session;

    VncBridge(String vm, Socket vnc) {
        this.vm = vm;
        this.vnc = vnc;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        Thread reader = new Thread(this::pumpToBrowser, "console-vnc-" + vm);
        reader.setDaemon(true);
        reader.start();
        callback.succeeded();
        coreSession.demand();
    }

    private void pumpToBrowser() {
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = vnc.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                FutureCallback sent = new FutureCallback();
                session.sendFrame(new Frame(OpCode.BINARY, ByteBuffer.wrap(Arrays.copyOf(buffer, n))), sent, false);
                sent.block();
            }
            session.close(CloseStatus.NORMAL, "the VNC server of VM '" + vm + "' closed the connection", Callback.NOOP);
        } catch (IOException e) {
            if (!vnc.isClosed()) {
                LOG.log(System.Logger.Level.DEBUG, "console of VM ''{0}'': {1}", vm, e.getMessage());
                session.close(CloseStatus.SERVER_ERROR, "lost the VNC server of VM '" + vm + "'", Callback.NOOP);
            }
        } finally {
            closeVnc();
        }
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        byte opCode = frame.getOpCode();
        if (opCode == OpCode.BINARY || opCode == OpCode.CONTINUATION) {
            try {
                OutputStream out = vnc.getOutputStream();
                ByteBuffer payload = frame.getPayload();
                byte[] bytes = new byte[payload.remaining()];
                payload.get(bytes);
                out.write(bytes);
                out.flush();
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
    public void onError(Throwable cause, Callback callback) {
        closeVnc();
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        closeVnc();
        callback.succeeded();
    }

    private void closeVnc() {
        try {
            vnc.close();
        } catch (IOException e) {
            // closing anyway: nothing more to send either way
        }
    }
}
