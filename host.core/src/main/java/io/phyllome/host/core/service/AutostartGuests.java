package io.phyllome.host.core.service;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.vm.VirtualMachines;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmSummary;
import io.phyllome.host.vm.VmState;

/**
 * The service starts the VMs marked with {@code vm:autostart NAME on} when it runs libvirt's
 * embedded driver, which is there only while the service is. (The libvirt daemon starts its own
 * at its start; the embedded driver does so only on its very first start, as it keeps its run
 * directory.) In the background: the service answers while the guests boot.
 */
@Component(immediate = true)
public class AutostartGuests {

    private static final System.Logger LOG = System.getLogger(AutostartGuests.class.getName());

    private final ExecutorService starter = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "phyllome-autostart");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public AutostartGuests(@Reference VirtualMachines vms, @Reference Hypervisor hypervisor, BundleContext context) {
        if (Boolean.parseBoolean(context.getProperty(ServiceLifetime.SERVICE_PROPERTY))) {
            starter.execute(() -> startMarked(vms, hypervisor));
        }
    }

    @Deactivate
    void deactivate() {
        starter.shutdownNow();
    }

    private static void startMarked(VirtualMachines vms, Hypervisor hypervisor) {
        try {
            if (!hypervisor.capabilities().connection().startsWith("qemu:///embed")) {
                return;
            }
            for (VmSummary vm : vms.summaries()) {
                if (vm.state() == VmState.SHUT_OFF && vms.autostart(vm.name())) {
                    vms.start(vm.name());
                    ServiceLog.log(LOG, System.Logger.Level.INFO, "started " + vm.name() + " (autostart)");
                }
            }
        } catch (VmException e) {
            ServiceLog.log(LOG, System.Logger.Level.WARNING, "could not start the autostart VMs: " + e.getMessage());
        }
    }
}
