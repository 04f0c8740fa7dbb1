package io.phyllome.host.shell;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.Callable;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.platform.HostConfiguration;
import io.phyllome.host.repository.ProfileRepository;

/**
 * Runs the one shell command given on the launcher's command line ({@code ./phyllome vm:list}) and
 * ends the platform with its status: 0 on success, 1 with the error on stderr otherwise. Without
 * arguments it does nothing and the interactive shell runs.
 *
 * <p>The bnd launcher publishes its arguments as the service property {@value #ARGUMENTS} and calls
 * a {@link Callable} registered with {@code main.thread=true} on its main thread, exiting with the
 * result. This component waits for all command components, so the command is there when it runs.
 */
@Component(immediate = true)
public class OneShotCommand {

    static final String ARGUMENTS = "launcher.arguments";

    private final CommandProcessor processor;
    private ServiceRegistration<?> registration;

    @Activate
    public OneShotCommand(@Reference CommandProcessor processor, @Reference VmCommands vm, @Reference ProfileCommands profile,
            @Reference HostCommands host, @Reference DiskCommands disk, @Reference MediaCommands media, @Reference ProfileRepository installer,
            @Reference HostConfiguration configuration, BundleContext context)
            throws InvalidSyntaxException {
        this.processor = processor;
        String[] args = launcherArguments(context);
        if (args.length > 0) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("main.thread", Boolean.TRUE);
            registration = context.registerService(Callable.class, new Run(processor, CommandLine.join(args), installer, configuration), props);
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
    }

    private static String[] launcherArguments(BundleContext context) throws InvalidSyntaxException {
        ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(" + ARGUMENTS + "=*)");
        if (refs == null || !(refs[0].getProperty(ARGUMENTS) instanceof String[] args)) {
            return new String[0];
        }
        return args;
    }

    /** The command run on the launcher's main thread; a named class, as the launcher requires. */
    static final class Run implements Callable<Integer> {
        private final CommandProcessor processor;
        private final String line;
        private final ProfileRepository installer;
        private final HostConfiguration configuration;

        Run(CommandProcessor processor, String line, ProfileRepository installer, HostConfiguration configuration) {
            this.processor = processor;
            this.line = line;
            this.installer = installer;
            this.configuration = configuration;
        }

        @Override
        public Integer call() {
            installer.awaitRestored(); // profiles installed earlier are back before the command runs
            configuration.awaitApplied(); // and the components run with the host's configuration files
            // the process's own streams: Gogo redirects System.out through the session itself
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
            PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
            try (CommandSession session = processor.createSession(new FileInputStream(FileDescriptor.in), out, err)) {
                return CommandRunner.run(session, line, out, err);
            }
        }
    }
}
