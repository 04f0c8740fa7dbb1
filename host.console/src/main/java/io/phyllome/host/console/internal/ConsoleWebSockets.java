package io.phyllome.host.console.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.servlet.Servlet;
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
 * The console's two WebSockets, each opened by a one-time ticket that is checked, and spent,
 * before anything else (403 without a valid one):
 * {@code /console/vnc/VM?ticket=T}, the VM's screen proxied to its VNC server on this host
 * (noVNC, {@code console.html}); {@code /console/serial/VM?ticket=T}, its serial log followed
 * (xterm.js, {@code serial.html}).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ ConsoleWebSockets.SCREEN + "/*", ConsoleWebSockets.SERIAL + "/*" })
public class ConsoleWebSockets extends HttpServlet {

    static final String SCREEN = "/console/vnc";
    static final String SERIAL = "/console/serial";

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(ConsoleWebSockets.class.getName());

    private final transient VirtualMachines vms;
    private final transient TicketGate gate;
    private final transient WebSocketUpgrade webSocket = new WebSocketUpgrade();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile SessionBinding sessions;

    @Activate
    public ConsoleWebSockets(@Reference VirtualMachines vms, @Reference ConsoleTickets tickets) throws Exception {
        this.vms = vms;
        this.gate = new TicketGate(tickets, () -> sessions);
    }

    @Deactivate
    void stop() throws Exception {
        webSocket.close();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean screen = SCREEN.equals(request.getServletPath());
        String vm = gate.admit(request, response, screen ? "screen" : "serial console");
        if (vm == null) {
            return;
        }
        if (!webSocket.asked(request)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "this is a WebSocket: open " + (screen ? "console" : "serial") + ".html?vm=" + vm);
        } else if (screen) {
            openScreen(vm, request, response);
        } else {
            openSerial(vm, request, response);
        }
    }

    private void openScreen(String vm, HttpServletRequest request, HttpServletResponse response) throws IOException {
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

    private void openSerial(String vm, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Path> log;
        try {
            log = vms.serialLog(vm);
        } catch (VmException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, e.getMessage());
            return;
        }
        if (log.isEmpty() || !Files.isReadable(log.get())) {
            response.sendError(HttpServletResponse.SC_CONFLICT, "VM '" + vm + "' has no serial log on this host yet: start it first");
            return;
        }
        webSocket.upgrade(request, new SerialLogStream(vm, log.get()));
    }
}
