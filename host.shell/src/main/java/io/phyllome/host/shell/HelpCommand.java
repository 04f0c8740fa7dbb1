package io.phyllome.host.shell;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.phyllome.host.vm.VmException;

/**
 * Felix's {@code help}, which also knows the commands named by a Java keyword. Gogo runs
 * {@code vm:import} as the method {@code _import} (a method cannot be called {@code import}), but
 * Felix's help (gogo.command 1.1.2) lists and explains only methods named exactly as their
 * command. Such a command is registered under both names ({@code import} and {@code _import}); this
 * help, ranked above Felix's, asks Felix's about the second and shows the first.
 */
@Component(service = HelpCommand.class, property = { "osgi.command.scope=felix", "osgi.command.function=help",
        "service.ranking:Integer=10" })
public class HelpCommand {

    /** How Felix's help starts when it knows no such command. */
    private static final String NOT_FOUND = "No methods found";

    private final BundleContext context;

    @Activate
    public HelpCommand(BundleContext context) {
        this.context = context;
    }

    @Descriptor("displays the commands")
    public String help() {
        return Arrays.stream(felix("help").split("\n")).map(HelpCommand::shown).distinct().sorted().collect(Collectors.joining("\n"));
    }

    @Descriptor("displays information about a command")
    public String help(@Descriptor("the command, e.g. vm:create") String name) {
        String text = felix("help", name);
        if (!text.startsWith(NOT_FOUND)) {
            return text;
        }
        int colon = name.indexOf(':');
        String keywordMethod = felix("help", name.substring(0, colon + 1) + "_" + name.substring(colon + 1));
        if (keywordMethod.startsWith(NOT_FOUND)) {
            throw new VmException("no command '" + name + "': help lists the commands");
        }
        return keywordMethod.replaceAll("(?m)^_(\\S+) - ", "$1 - ");
    }

    /** "vm:_import" as users type it. */
    private static String shown(String line) {
        return line.replace(":_", ":");
    }

    /** Felix's own help command (gogo.command's {@code Basic}), called with {@code args}. */
    private String felix(String method, String... args) {
        try {
            for (ServiceReference<?> ref : context.getServiceReferences((String) null, "(&(osgi.command.scope=felix)(osgi.command.function=help))")) {
                Object service = context.getService(ref);
                try {
                    if (service != null && service != this) {
                        Class<?>[] types = new Class<?>[args.length];
                        Arrays.fill(types, String.class);
                        Method help = service.getClass().getMethod(method, types);
                        return String.valueOf(help.invoke(service, (Object[]) args)).stripTrailing();
                    }
                } finally {
                    context.ungetService(ref);
                }
            }
            return "help is not available: the bundle org.apache.felix.gogo.command is not running";
        } catch (InvalidSyntaxException | NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("cannot call Felix's help", e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
