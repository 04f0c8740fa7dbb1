package io.phyllome.host.console.internal;

import java.io.IOException;
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
import io.phyllome.host.vm.VirtualMachines;
import io.phyllome.host.vm.VmException;

/**
 * {@code /console/serial/VM?ticket=T}: the VM's serial log as a WebSocket, for xterm.js
 * ({@code serial.html}); a VM without a display shows its console there. The same one-time
 * tickets as the screen's, checked and spent first.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/console/serial/*")
public class SerialWebSocketServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient VirtualMachines vms;
    private final transient TicketGate gate;
    private final transient WebSocketUpgrade webSocket = new WebSocketUpgrade();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile SessionBinding sessions;

    @Activate
    public SerialWebSocketServlet(@Reference VirtualMachines vms, @Reference ConsoleTickets tickets) throws Exception {
        this.vms = vms;
        this.gate = new TicketGate(tickets, () -> sessions);
    }

    @Deactivate
    void stop() throws Exception {
        webSocket.close();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String vm = gate.admit(request, response, "serial console");
        if (vm == null) {
            return;
        }
        if (!webSocket.asked(request)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "the serial console of a VM is a WebSocket: open serial.html?vm=" + vm);
            return;
        }
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
