package io.phyllome.host.console.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;

import io.phyllome.host.console.ConsoleTickets;
import io.phyllome.host.vm.VirtualMachines;
import io.phyllome.host.vm.VmException;

/**
 * {@code vm:console [--serial] NAME}: the address of a VM's screen (or serial console) in the browser, with a ticket
 * that opens it once within its lifetime (a link for the shell's user; the console's own pages
 * get their tickets from the REST API, bound to their session).
 */
@Component(service = ConsoleCommand.class, property = { "osgi.command.scope=vm", "osgi.command.function=console" })
public class ConsoleCommand {

    private final VirtualMachines vms;
    private final ConsoleTickets tickets;
    /** The HTTP runtime's properties; absent where nothing listens (a one-shot command, a test platform). */
    @Reference(service = HttpServiceRuntime.class, cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Map<String, Object> runtime;

    @Activate
    public ConsoleCommand(@Reference VirtualMachines vms, @Reference ConsoleTickets tickets) {
        this.vms = vms;
        this.tickets = tickets;
    }

    @Descriptor("prints the address of a VM's screen (or, with --serial, of its serial console) in the browser; it opens once, within the ticket's lifetime")
    public String console(
            @Descriptor("the serial console (read-only), e.g. for a VM without a display") @Parameter(names = "--serial", presentValue = "true", absentValue = "false") boolean serial,
            @Descriptor("the VM's name") String name) {
        if (serial ? vms.serialLog(name).isEmpty() : vms.vncDisplay(name).isEmpty()) {
            throw new VmException("VM '" + name + "' has no " + (serial ? "serial log" : "VNC display") + (serial ? "" : ": try vm:console --serial " + name));
        }
        String endpoint = endpoint(); // before a ticket is issued for nothing
        String ticket = tickets.issue(name, "");
        return endpoint + (serial ? "serial.html" : "console.html") + "?vm=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&ticket=" + ticket
                + "\n(opens once, within " + tickets.lifetime().toSeconds() + " s)\n";
    }

    /** Where the HTTP runtime listens, e.g. {@code http://127.0.0.1:8080/}. */
    private String endpoint() {
        Map<String, Object> listening = runtime;
        if (listening == null) {
            throw new VmException("the web console is not served here: it runs in the service (./phyllome serve), on the REST API's"
                    + " address (io.phyllome.host.rest.cfg: address, port)");
        }
        Object endpoints = listening.get(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT);
        String first = endpoints instanceof String[] a && a.length > 0 ? a[0]
                : endpoints instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.get(0))
                : endpoints instanceof String s ? s : null;
        if (first == null) {
            throw new VmException("the web console's listener is not open: configure the HTTP listener (org.apache.felix.http)");
        }
        return first.endsWith("/") ? first : first + "/";
    }
}
