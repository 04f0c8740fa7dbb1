package io.phyllome.host.rest.resource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.phyllome.host.console.ConsoleTickets;
import io.phyllome.host.console.SessionBinding;
import io.phyllome.host.rest.http.Call;
import io.phyllome.host.rest.http.Router;
import io.phyllome.host.vm.VirtualMachines;

/**
 * {@code POST /vms/{name}/console-ticket}: a one-time ticket for the VM's screen or serial
 * console WebSocket, bound to the caller's console session (a caller with a bearer token and no
 * session gets one bound to no session, as {@code vm:console} does).
 */
public final class ConsoleResource {

    private final VirtualMachines vms;
    private final ConsoleTickets tickets;
    private final SessionBinding sessions;

    public ConsoleResource(VirtualMachines vms, ConsoleTickets tickets, SessionBinding sessions) {
        this.vms = vms;
        this.tickets = tickets;
        this.sessions = sessions;
    }

    public void routes(Router router) {
        router.add("POST", "/vms/{name}/console-ticket", this::ticket);
    }

    private Object ticket(Call call) {
        String name = vms.info(call.param("name")).name(); // 404 for a VM that does not exist: no ticket for nothing
        String ticket = tickets.issue(name, sessions.of(call.request()));
        String query = URLEncoder.encode(name, StandardCharsets.UTF_8) + "?ticket=" + ticket;
        call.response().setHeader("Cache-Control", "no-store");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("vm", name);
        fields.put("ticket", ticket);
        fields.put("expiresInSeconds", tickets.lifetime().toSeconds());
        fields.put("hasDisplay", vms.vncDisplay(name).isPresent());
        fields.put("screen", "/console/vnc/" + query);
        fields.put("serial", "/console/serial/" + query);
        return fields;
    }
}
