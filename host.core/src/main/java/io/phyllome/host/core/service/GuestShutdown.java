package io.phyllome.host.core.service;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.vm.VirtualMachines;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmSummary;
import io.phyllome.host.vm.VmState;

/**
 * On libvirt's embedded driver a guest lives only as long as the process that runs the driver.
 * When the service stops, its guests are shut down as {@code libvirt-guests} does for the daemon:
 * an ACPI power-off request to each, a wait of at most {@link ServiceConfig#guestShutdownTimeoutSeconds()},
 * then power off for those still running — a power cut for none. (On the libvirt daemon the guests
 * belong to the daemon and run on.)
 */
@Component(immediate = true, configurationPid = ServiceConfig.PID)
@Designate(ocd = ServiceConfig.class)
public class GuestShutdown {

    private static final System.Logger LOG = System.getLogger(GuestShutdown.class.getName());
    private static final Duration POLL = Duration.ofMillis(250);
    /** The states of a guest that has a QEMU process to end. */
    private static final Set<VmState> RUNS = EnumSet.of(VmState.RUNNING, VmState.PAUSED, VmState.SHUTTING_DOWN, VmState.SUSPENDED);

    private final VirtualMachines vms;
    private final Hypervisor hypervisor;
    private final Duration timeout;
    private final boolean service;

    @Activate
    public GuestShutdown(@Reference VirtualMachines vms, @Reference Hypervisor hypervisor, ServiceConfig config, BundleContext context) {
        this.vms = vms;
        this.hypervisor = hypervisor;
        this.timeout = Duration.ofSeconds(Math.max(0, config.guestShutdownTimeoutSeconds()));
        this.service = Boolean.parseBoolean(context.getProperty(ServiceLifetime.SERVICE_PROPERTY));
    }

    @Deactivate
    void deactivate() {
        if (!service || !embedded()) {
            return;
        }
        List<String> running = running();
        if (running.isEmpty()) {
            return;
        }
        ServiceLog.log(LOG, System.Logger.Level.INFO, "shutting down " + running.size() + " guest(s), at most " + timeout.toSeconds() + " s: "
                + String.join(", ", running));
        for (String name : running) {
            try {
                vms.shutdown(name);
            } catch (VmException e) {
                ServiceLog.log(LOG, System.Logger.Level.WARNING, "could not ask " + name + " to shut down: " + e.getMessage());
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(running = running()).isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (String name : running) {
            ServiceLog.log(LOG, System.Logger.Level.WARNING, name + " did not shut down within " + timeout.toSeconds() + " s: powering it off");
            try {
                vms.stop(name);
            } catch (VmException e) {
                ServiceLog.log(LOG, System.Logger.Level.WARNING, "could not power off " + name + ": " + e.getMessage());
            }
        }
    }

    private boolean embedded() {
        try {
            return hypervisor.capabilities().connection().startsWith("qemu:///embed");
        } catch (VmException e) {
            return false; // never connected: no guest of ours runs
        }
    }

    private List<String> running() {
        try {
            return vms.summaries().stream().filter(vm -> RUNS.contains(vm.state())).map(VmSummary::name).toList();
        } catch (VmException e) {
            ServiceLog.log(LOG, System.Logger.Level.WARNING, "cannot list the guests to shut down: " + e.getMessage());
            return List.of();
        }
    }
}
