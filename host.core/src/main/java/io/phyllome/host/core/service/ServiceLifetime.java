package io.phyllome.host.core.service;

import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The service's end: SIGTERM or SIGINT (systemd's stop, Ctrl+C) stops the framework in order, so
 * that every component deactivates — guests of the embedded driver are shut down, the control
 * socket removed — before the JVM exits. Only in the service (framework property
 * {@value #SERVICE_PROPERTY}); a one-shot platform ends with its command.
 */
@Component(immediate = true)
public class ServiceLifetime {

    public static final String SERVICE_PROPERTY = "phyllome.service";
    private static final System.Logger LOG = System.getLogger(ServiceLifetime.class.getName());
    /** The longest a stop may take: the guests' shutdown and then some. */
    private static final Duration STOP_LIMIT = Duration.ofMinutes(10);

    private Thread hook;

    @Activate
    void activate(BundleContext context) {
        if (!Boolean.parseBoolean(context.getProperty(SERVICE_PROPERTY))) {
            return;
        }
        ServiceLog.install();
        Framework framework = context.getBundle(0).adapt(Framework.class);
        hook = new Thread(() -> stop(framework), "phyllome-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        ServiceLog.log(LOG, System.Logger.Level.INFO, "service started (Phyllome Host " + context.getBundle().getVersion() + ")");
    }

    @Deactivate
    void deactivate() {
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs, or has run
            }
        }
    }

    private static void stop(Framework framework) {
        ServiceLog.log(LOG, System.Logger.Level.INFO, "stopping the service");
        try {
            framework.stop();
            framework.waitForStop(STOP_LIMIT.toMillis());
            ServiceLog.log(LOG, System.Logger.Level.INFO, "service stopped");
        } catch (BundleException e) {
            ServiceLog.log(LOG, System.Logger.Level.WARNING, "the framework did not stop cleanly: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
