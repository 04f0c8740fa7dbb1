package io.phyllome.host.console.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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

    private final transient VirtualMachines vms;
    private final transient TicketGate gate;
    private final transient WebSocketUpgrade webSocket = new WebSocketUpgrade();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile SessionBinding sessions;

    @Activate
    public VncWebSocketServlet(@Reference VirtualMachines vms, @Reference ConsoleTickets tickets) throws Exception {
        this.vms = vms;
        this.gate = new TicketGate(tickets, () -> sessions);
    }

    @Deactivate
    void stop() throws Exception {
        webSocket.close();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String vm = gate.admit(request, response, "screen");
        if (vm == null) {
            return;
        }
        if (!webSocket.asked(request)) {
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
        try {
            if (!webSocket.upgrade(request, new VncBridge(vm, vnc))) {
                vnc.close();
            }
        } catch (IOException | RuntimeException e) {
            vnc.close();
            LOG.log(System.Logger.Level.WARNING, "the WebSocket of the screen of VM ''{0}'' failed: {1}", vm, e.toString());
            throw e;
        }
    }
}
