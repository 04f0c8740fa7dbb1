package io.phyllome.distro.it;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import io.phyllome.host.hypervisor.DiskPool;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.hypervisor.Secrets;
import io.phyllome.host.vm.VirtualMachines;
import io.phyllome.host.vm.VmPackages;

/**
 * Helpers that run inside the framework, in the test probe. Hand-written rather than osgi-test's:
 * its JUnit 5 extensions inject services into tests that run as bundles (bnd's testing plugin),
 * while these tests run in Pax Exam's JUnit 4 probe against the product's own bndrun; what they
 * need beyond a tracker (Config Admin settled, Gogo sessions) is the platform's, not generic.
 */
final class Osgi {

    static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(30);

    private final BundleContext context;

    Osgi(BundleContext context) {
        this.context = context;
    }

    BundleContext context() {
        return context;
    }

    /** The framework property, e.g. the test's state directory. */
    String property(String name) {
        String value = context.getProperty(name);
        if (value == null) {
            throw new AssertionError("framework property " + name + " is not set");
        }
        return value;
    }

    List<String> runBundles() {
        return Arrays.asList(property(TestPlatform.RUN_BUNDLES).split(","));
    }

    /** Waits for a service of {@code type} matching {@code filter} (or any, when null). */
    <T> T service(Class<T> type, String filter) {
        return context.getService(reference(type, filter));
    }

    <T> ServiceReference<T> reference(Class<T> type, String filter) {
        String full = "(" + Constants.OBJECTCLASS + "=" + type.getName() + ")";
        if (filter != null) {
            full = "(&" + full + filter + ")";
        }
        ServiceTracker<T, T> tracker;
        try {
            tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter(full), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(full, e);
        }
        tracker.open();
        try {
            if (tracker.waitForService(SERVICE_TIMEOUT.toMillis()) == null) {
                throw new AssertionError("no service " + full + " within " + SERVICE_TIMEOUT.toSeconds() + " s; there are "
                        + java.util.Arrays.toString(context.getAllServiceReferences(type.getName(), null)));
            }
            @SuppressWarnings("unchecked")
            ServiceReference<T> ref = (ServiceReference<T>) tracker.getServiceReference();
            return ref;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + full, e);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        } finally {
            tracker.close();
        }
    }

    /** The platform's services, bound to the libvirt connection {@code uri}. */
    record Platform(VirtualMachines vms, VmPackages packages, Hypervisor hypervisor, Secrets secrets, DiskPool pool) {
    }

    /**
     * Sets the libvirt URI through Config Admin and waits until the hypervisor service has been
     * re-registered with it and the services that depend on it have rebound.
     */
    Platform connectTo(String uri) {
        return configureLibvirt(Map.of("uri", uri));
    }

    /** {@link #connectTo} with more of the adapter's configuration, e.g. its disk pool. */
    Platform configureLibvirt(Map<String, String> settings) {
        ConfigurationAdmin admin = service(ConfigurationAdmin.class, null);
        try {
            Configuration config = admin.getConfiguration(TestPlatform.LIBVIRT_PID, "?");
            Map<String, Object> current = new java.util.HashMap<>();
            if (config.getProperties() != null) {
                for (String key : java.util.Collections.list(config.getProperties().keys())) {
                    current.put(key, config.getProperties().get(key));
                }
                current.remove(Constants.SERVICE_PID);
            }
            if (!current.equals(settings)) {
                config.update(new Hashtable<>(settings));
            }
        } catch (IOException e) {
            throw new AssertionError("cannot configure " + TestPlatform.LIBVIRT_PID, e);
        }
        String uri = settings.get("uri");
        // the registration with exactly these settings: an old one may still be there for a moment
        String uriFilter = "(&" + settings.entrySet().stream().map(e -> "(" + e.getKey() + "=" + escape(e.getValue()) + ")")
                .collect(java.util.stream.Collectors.joining())
                + java.util.stream.Stream.of("uri", "pool").filter(key -> !settings.containsKey(key)).map(key -> "(|(!(" + key + "=*))(" + key + "=))")
                        .collect(java.util.stream.Collectors.joining()) + ")";
        long deadline = System.nanoTime() + SERVICE_TIMEOUT.toNanos();
        while (true) {
            // the adapter's services, each configured with these settings (they share one connection)
            ServiceReference<Hypervisor> hypervisorRef = reference(Hypervisor.class, uriFilter);
            ServiceReference<Secrets> secretsRef = reference(Secrets.class, uriFilter);
            ServiceReference<DiskPool> poolRef = reference(DiskPool.class, uriFilter);
            Hypervisor hypervisor = context.getService(hypervisorRef);
            Secrets secrets = context.getService(secretsRef);
            DiskPool pool = context.getService(poolRef);
            if (hypervisor != null && secrets != null && pool != null) {
                // registered after the reconfigured adapter: bound to it, not to an old one
                long last = Stream.of(hypervisorRef, secretsRef, poolRef).mapToLong(r -> (Long) r.getProperty(Constants.SERVICE_ID)).max().orElseThrow();
                String newer = "(" + Constants.SERVICE_ID + ">=" + (last + 1) + ")";
                return new Platform(service(VirtualMachines.class, newer), service(VmPackages.class, newer), hypervisor, secrets, pool);
            }
            // unregistered while we looked (a reconfiguration still settling): look again
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the hypervisor service for " + uri + " did not settle within " + SERVICE_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Runs one Gogo command in a new session; returns what it printed and its formatted result. */
    String gogo(String command) throws Exception {
        return gogo(command, false);
    }

    /** Runs one Gogo command that may fail: what it printed, then {@code error: MESSAGE} when it failed. */
    String gogoReport(String command) throws Exception {
        return gogo(command, true);
    }

    private String gogo(String command, boolean reportFailure) throws Exception {
        CommandProcessor processor = service(CommandProcessor.class, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            Object result = session.execute(command);
            if (result != null) {
                out.println(session.format(result, Converter.INSPECT));
            }
        } catch (Exception e) {
            if (!reportFailure) {
                throw e;
            }
            out.println("error: " + e.getMessage());
        }
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Polls {@code condition} every 100 ms until it holds; fails with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        await(timeout, condition, () -> what);
    }

    static void await(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what.get(), e);
            }
        }
    }

    /** An LDAP filter value with its special characters escaped. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
