package io.phyllome.host.rest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.logging.Logger;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;

import io.phyllome.host.rest.relay.SocketRelay;
import io.phyllome.host.socket.UnixSocketListener;

/**
 * The REST API on the service's Unix socket: {@code api.sock} beside its control socket
 * ({@code api-XXXXXXXX.sock} beside {@code control-XXXXXXXX.sock} for another state directory),
 * mode 0600 (0660 with the group {@value UnixSocketListener#SHARED_GROUP} where it exists), removed when the service stops.
 * It carries what the TCP listener carries (HTTPS when that has a keystore), tokens included; only
 * the service has one, as only it has a control socket.
 */
@Component(service = {}, immediate = true, configurationPid = Listener.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ApiSocket {

    static final String CONTROL_SOCKET = "phyllome.control.socket";
    /** Connections relayed at once (the control socket serves 32 sessions; an SSE stream holds one). */
    static final int MAX_CONNECTIONS = 64;
    private static final Logger LOG = Logger.getLogger(ApiSocket.class.getName());

    private final Path path;
    private SocketRelay relay;
    /** Where {@code relay} connects. */
    private InetSocketAddress relayed;

    @Activate
    public ApiSocket(BundleContext context, Listener.Config config) {
        String control = context.getProperty(CONTROL_SOCKET);
        boolean service = Boolean.parseBoolean(context.getProperty("phyllome.service"));
        this.path = service && control != null && !control.isBlank() ? beside(Path.of(control)) : null;
        apply(config);
    }

    /** The API socket's path beside the control socket {@code control}. */
    static Path beside(Path control) {
        String name = control.getFileName().toString();
        return control.resolveSibling(name.startsWith("control") ? "api" + name.substring("control".length()) : "api-" + name);
    }

    @Modified
    synchronized void apply(Listener.Config config) {
        InetSocketAddress target = path == null || Listener.refusal(config) != null ? null
                : new InetSocketAddress(target(config.address()), config.port());
        if (relay != null && target != null && target.equals(relayed)) {
            return; // the configuration changed elsewhere (a rate, a password): the open connections go on
        }
        close();
        if (target == null) {
            return; // not the service, or its listener does not listen (the Listener's log says why)
        }
        try {
            relay = new SocketRelay(path, UnixSocketListener.SHARED_GROUP, target, MAX_CONNECTIONS);
            relayed = target;
            LOG.info(() -> "REST API on unix:" + path + " (as " + (config.keystore().isBlank() ? "http" : "https") + "://" + config.address() + ":"
                    + config.port() + "/api/v1)");
        } catch (IOException e) {
            LOG.severe("the REST API does not listen on " + path + ": " + e.getMessage());
        }
    }

    /** Where the relay connects: the listener's address, or loopback when it listens on every address. */
    static InetAddress target(String address) {
        try {
            InetAddress listens = InetAddress.getByName(address);
            return listens.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : listens;
        } catch (IOException e) {
            throw new IllegalStateException("not an address: " + address, e); // refusal() has ruled this out
        }
    }

    @Deactivate
    synchronized void close() {
        if (relay != null) {
            relay.close();
            relay = null;
        }
    }
}
