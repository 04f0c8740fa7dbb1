package io.phyllome.host.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

import org.eclipse.jetty.websocket.core.CloseStatus;

/**
 * One browser's WebSocket joined to one VNC connection: binary frames in are written to the VNC
 * server, its bytes go back as binary frames.
 */
final class VncBridge extends BrowserFeed {

    private static final System.Logger LOG = System.getLogger(VncBridge.class.getName());

    private final Socket vnc;

    VncBridge(String vm, Socket vnc, FeedThreads threads) {
        super(vm, threads);
        this.vnc = vnc;
    }

    @Override
    void feed() {
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = vnc.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                send(buffer, n);
            }
            close(CloseStatus.NORMAL, "the VNC server of VM '" + vm + "' closed the connection");
        } catch (IOException e) {
            if (!vnc.isClosed()) {
                LOG.log(System.Logger.Level.DEBUG, "console of VM ''{0}'': {1}", vm, e.getMessage());
                close(CloseStatus.SERVER_ERROR, "lost the VNC server of VM '" + vm + "'");
            }
        } finally {
            release();
        }
    }

    @Override
    void received(ByteBuffer payload) throws IOException {
        OutputStream out = vnc.getOutputStream();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        out.write(bytes);
        out.flush();
    }

    @Override
    void release() {
        try {
            vnc.close();
        } catch (IOException e) {
            // closing anyway: nothing more to send either way
        }
    }
}
