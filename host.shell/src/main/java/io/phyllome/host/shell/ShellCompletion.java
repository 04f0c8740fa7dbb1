package io.phyllome.host.shell;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.client.protocol.Candidate;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.vm.VirtualMachines;

/**
 * Completion from the shell as it is: the Gogo commands registered now (every bundle's, read from
 * their methods' annotations once per command service), the VMs the hypervisor has and the
 * installed profiles.
 */
@Component(service = Completion.class)
public class ShellCompletion implements Completion {

    private static final System.Logger LOG = System.getLogger(ShellCompletion.class.getName());
    private static final String COMMANDS = "(&(osgi.command.scope=*)(osgi.command.function=*))";

    private final BundleContext context;
    private final VirtualMachines vms;
    private final Profiles profiles;
    /** Each command service's commands, by its service id. */
    private final Map<Long, List<CommandSyntax>> syntax = new ConcurrentHashMap<>();

    @Activate
    public ShellCompletion(BundleContext context, @Reference VirtualMachines vms, @Reference Profiles profiles) {
        this.context = context;
        this.vms = vms;
        this.profiles = profiles;
    }

    @Override
    public List<Candidate> complete(String beforeCursor) {
        return new LineCompletion(commands(), this::named).complete(beforeCursor);
    }

    private List<Candidate> named(Completes.What what) {
        try {
            return switch (what) {
                case VM -> vms.list().stream().map(vm -> new Candidate(vm.name(), vm.state().toString())).toList();
                case PROFILE -> profiles.list().stream().map(p -> new Candidate(p.id(), p.displayName())).toList();
                case NOTHING -> List.of();
            };
        } catch (RuntimeException e) {
            // completion is a convenience: a hypervisor that fails now says so at the command
            LOG.log(System.Logger.Level.DEBUG, "no " + what + " candidates: " + e.getMessage());
            return List.of();
        }
    }

    /** The shell's commands by name; a name that is no method (e.g. {@code _import} beside {@code import}) is left out. */
    private Map<String, CommandSyntax> commands() {
        ServiceReference<?>[] refs;
        try {
            refs = context.getServiceReferences((String) null, COMMANDS);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        Map<String, CommandSyntax> commands = new TreeMap<>();
        Set<Long> present = new HashSet<>();
        for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
            Long id = (Long) ref.getProperty(Constants.SERVICE_ID);
            present.add(id);
            syntax.computeIfAbsent(id, key -> read(ref)).forEach(c -> commands.putIfAbsent(c.name(), c));
        }
        syntax.keySet().retainAll(present);
        return commands;
    }

    private List<CommandSyntax> read(ServiceReference<?> ref) {
        Object service = context.getService(ref);
        if (service == null) {
            return List.of();
        }
        String scope = String.valueOf(ref.getProperty("osgi.command.scope"));
        try {
            return CommandSyntax.functions(ref.getProperty("osgi.command.function")).stream().filter(f -> !f.startsWith("_"))
                    .flatMap(f -> CommandSyntax.of(scope, f, service.getClass()).stream()).toList();
        } catch (RuntimeException | LinkageError e) {
            // e.g. a method whose types its bundle cannot load: that command completes nothing, the others do
            LOG.log(System.Logger.Level.WARNING, "cannot read the " + scope + ": commands for completion: " + e);
            return List.of();
        } finally {
            context.ungetService(ref);
        }
    }
}
