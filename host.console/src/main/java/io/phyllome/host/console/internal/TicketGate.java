package io.phyllome.host.console.internal;

import java.io.IOException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.phyllome.host.console.ConsoleTickets;
import io.phyllome.host.console.SessionBinding;

/** The check every console WebSocket starts with: a VM in the path and a ticket for it, spent here. */
final class TicketGate {

    private static final Pattern VM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final ConsoleTickets tickets;
    private final Supplier<SessionBinding> sessions;

    TicketGate(ConsoleTickets tickets, Supplier<SessionBinding> sessions) {
        this.tickets = tickets;
        this.sessions = sessions;
    }

    /** The VM {@code request} may open, or null when it was refused (the response says why). */
    String admit(HttpServletRequest request, HttpServletResponse response, String what) throws IOException {
        String vm = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        if (!VM_NAME.matcher(vm).matches()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no VM named in the path: " + request.getServletPath() + "/NAME?ticket=TICKET");
            return null;
        }
        SessionBinding binding = sessions.get();
        if (!tickets.redeem(request.getParameter("ticket"), vm, binding == null ? "" : binding.of(request))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "no valid ticket for the " + what + " of VM '" + vm
                    + "': tickets are used once and expire after " + tickets.lifetime().toSeconds() + " s; open the console again");
            return null;
        }
        return vm;
    }
}
