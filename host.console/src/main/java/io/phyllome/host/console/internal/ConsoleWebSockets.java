package io.phyllome.host.console.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.util.Optional;
import java.util.function.Function;

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
 * (xterm.js, {@code serial.html}). Each open WebSocket is fed by one of the component's
 * {@link FeedThreads}, which its deactivation ends.
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
    private final transient FeedThreads feeds = new FeedThreads();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile SessionBinding sessions;

    @Activate
    public ConsoleWebSockets(@Reference VirtualMachines vms, @Reference ConsoleTickets tickets) throws Exception {
        this.vms = vms;
        this.gate = new TicketGate(tickets, () -> sessions);
    }

    @Deactivate
    void stop() throws Exception {
        feeds.close();
        webSocket.close();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean screen = SCREEN.equals(request.getServletPath());
        String what = screen ? "screen" : "serial console";
        String vm = gate.admit(request, response, what);
        if (vm == null) {
            return;
        }
        if (!webSocket.asked(request)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "this is a WebSocket: open " + (screen ? "console" : "serial") + ".html?vm=" + vm);
            return;
        }
        BrowserFeed feed = screen ? screen(vm, response) : serialLog(vm, response);
        if (feed == null) {
            return; // the response says why
        }
        try {
            if (!webSocket.upgrade(request, feed)) {
                feed.release();
            }
        } catch (IOException | RuntimeException e) {
            feed.release();
            LOG.log(System.Logger.Level.WARNING, "the WebSocket of the {0} of VM ''{1}'' failed: {2}", what, vm, e.toString());
            throw e;
        }
    }

    /** The VM's screen, joined to its VNC server; null when it has none or cannot be reached (answered). */
    private BrowserFeed screen(String vm, HttpServletResponse response) throws IOException {
        Optional<InetSocketAddress> display = find(vm, vms::vncDisplay, "VM '" + vm + "' has no VNC display: use its serial console", response);
        if (display.isEmpty()) {
            return null;
        }
        Socket vnc = new Socket();
        try {
            vnc.connect(display.get(), 5000);
        } catch (IOException e) {
            vnc.close();
            response.sendError(HttpServletResponse.SC_BAD_GATEWAY, "cannot reach the VNC server of VM '" + vm + "' at " + display.get()
                    + ": " + e.getMessage());
            return null;
        }
        return new VncBridge(vm, vnc, feeds);
    }

    /** The VM's serial log, followed; null when there is none to read yet (answered). */
    private BrowserFeed serialLog(String vm, HttpServletResponse response) throws IOException {
        return find(vm, name -> vms.serialLog(name).filter(Files::isReadable),
                "VM '" + vm + "' has no serial log on this host yet: start it first", response)
                .map(log -> (BrowserFeed) new SerialLogStream(vm, log, feeds)).orElse(null);
    }

    /** What {@code lookup} finds of the VM; else empty, answered: 404 for no such VM, 409 with {@code none} when it has nothing. */
    private static <T> Optional<T> find(String vm, Function<String, Optional<T>> lookup, String none, HttpServletResponse response) throws IOException {
        Optional<T> found;
        try {
            found = lookup.apply(vm);
        } catch (NoSuchVmException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, e.getMessage());
            return Optional.empty();
        } catch (VmException e) {
            response.sendError(HttpServletResponse.SC_CONFLICT, e.getMessage());
            return Optional.empty();
        }
        if (found.isEmpty()) {
            response.sendError(HttpServletResponse.SC_CONFLICT, none);
        }
        return found;
    }
}
