package io.phyllome.host.console.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.Handshaker;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.util.Callback;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import io.phyllome.host.console.ConsoleTickets;
import io.phyllome.host.console.SessionBinding;
import io.phyllome.host.vm.NoSuchVmException;
import io.phyllome.host.vm.VirtualMachines;
import io.phyllome.host.vm.VmException;

/**
 * {@code /console/vnc/VM?ticket=T}: the VM's screen as a WebSocket (subprotocol {@code binary},
 * as noVNC asks), proxied to its VNC server on this host. The ticket is checked, and spent,
 * before anything else: without a valid one the upgrade is refused with 403.
 */
@Component(service = jakarta.servlet.Servlet.class)
@HttpWhiteboardServletPattern("/console/vnc/*")
public class VncWebSocketServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(VncWebSocketServlet.class.getName());
    private static final Pattern VM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** A screen that does not change sends nothing for a while: the session outlives that. */
    private static final Duration IDLE = Duration.ofHours(1);

    private final transient VirtualMachines vms;
    private final transient ConsoleTickets tickets;
    private final transient WebSocketComponents components = new WebSocketComponents();
    private final transient Handshaker handshaker = Handshaker.newInstance();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile SessionBinding sessions;

    @Activate
    public VncWebSocketServlet(@Reference VirtualMachines vms, @Reference ConsoleTickets tickets) throws Exception {
        this.vms = vms;
        this.tickets = tickets;
        components.start();
    }

    @Deactivate
    void stop() throws Exception {
        components.stop();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String vm = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        if (!VM_NAME.matcher(vm).matches()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no VM named in the path: /console/vnc/NAME?ticket=TICKET");
            return;
        }
        SessionBinding binding = sessions;
        if (!tickets.redeem(request.getParameter("ticket"), vm, binding == null ? "" : binding.of(request))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "no valid ticket for the screen of VM '" + vm
                    + "': tickets are used once and expire after " + tickets.lifetime().toSeconds() + " s; open the console again");
            return;
        }
        ServletContextRequest base = ServletContextRequest.getServletContextRequest(request);
        if (base == null || !handshaker.isWebSocketUpgradeRequest(base)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "the screen of a VM is a WebSocket: open console.html?vm=" + vm);
            return;
        }
        Optional<InetSocketAddress> display;
        try {
            display = vms.vncDisplay(vm);
        } catch (NoSuchVmException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, e.getMessage());
            return;
        } catch (VmException e) {
            response.sendError(HttpServletResponse.SC_CONFLICT, e.getMessage());
            return;
        }
        if (display.isEmpty()) {
            response.sendError(HttpServletResponse.SC_CONFLICT, "VM '" + vm + "' has no VNC display: use its serial console");
            return;
        }
        Socket vnc = new Socket();
        try {
            vnc.connect(display.get(), 5000);
        } catch (IOException e) {
            vnc.close();
            response.sendError(HttpServletResponse.SC_BAD_GATEWAY, "cannot reach the VNC server of VM '" + vm + "' at " + display.get()
                    + ": " + e.getMessage());
            return;
        }
        upgrade(base, new VncBridge(vm, vnc), vnc);
    }

    private void upgrade(ServletContextRequest base, VncBridge bridge, Socket vnc) throws IOException {
        WebSocketNegotiator negotiator = new WebSocketNegotiator() {
            @Override
            public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
                if (request.hasSubProtocol("binary")) {
                    response.setAcceptedSubProtocol("binary");
                }
                return bridge;
            }

            @Override
            public void customize(Configuration configuration) {
                configuration.setIdleTimeout(IDLE);
            }
        };
        FutureCallback done = new FutureCallback();
        try {
            if (handshaker.upgradeRequest(negotiator, base, base.getServletContextResponse(), done, components, null)) {
                done.block();
            } else {
                vnc.close();
            }
        } catch (IOException | RuntimeException e) {
            vnc.close();
            LOG.log(System.Logger.Level.WARNING, "the console's WebSocket upgrade failed: {0}", e.toString());
            throw e;
        }
    }
}
