package io.phyllome.host.console.internal;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.Handshaker;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;

/**
 * A servlet request turned into a WebSocket with Jetty's WebSocket core, as Jetty's own upgrade
 * filter does it: Felix HTTP's Jetty implements no {@code HttpServletRequest.upgrade}, and Jetty's
 * servlet-level WebSocket would need its webapp and SPI Fly bundles. Subprotocol {@code binary},
 * which noVNC asks for, is accepted.
 */
final class WebSocketUpgrade implements AutoCloseable {

    /** A screen or a serial log that does not change sends nothing for a while: the session outlives that. */
    private static final Duration IDLE = Duration.ofHours(1);

    private final WebSocketComponents components = new WebSocketComponents();
    private final Handshaker handshaker = Handshaker.newInstance();

    WebSocketUpgrade() throws Exception {
        components.start();
    }

    /** Whether {@code request} asks for a WebSocket. */
    boolean asked(HttpServletRequest request) {
        ServletContextRequest base = ServletContextRequest.getServletContextRequest(request);
        return base != null && handshaker.isWebSocketUpgradeRequest(base);
    }

    /** Answers 101 and hands the connection to {@code handler}; false when the request was no upgrade. */
    boolean upgrade(HttpServletRequest request, FrameHandler handler) throws IOException {
        ServletContextRequest base = ServletContextRequest.getServletContextRequest(request);
        WebSocketNegotiator negotiator = new WebSocketNegotiator() {
            @Override
            public FrameHandler negotiate(ServerUpgradeRequest upgrade, ServerUpgradeResponse response, Callback callback) {
                if (upgrade.hasSubProtocol("binary")) {
                    response.setAcceptedSubProtocol("binary");
                }
                return handler;
            }

            @Override
            public void customize(Configuration configuration) {
                configuration.setIdleTimeout(IDLE);
            }
        };
        FutureCallback done = new FutureCallback();
        if (!handshaker.upgradeRequest(negotiator, base, base.getServletContextResponse(), done, components, null)) {
            return false;
        }
        done.block();
        return true;
    }

    @Override
    public void close() throws Exception {
        components.stop();
    }
}
