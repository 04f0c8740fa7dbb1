package io.phyllome.host.libvirt.internal;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.DomainEventType;
import org.libvirt.event.LifecycleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import io.phyllome.host.vm.VmEvents;
import io.phyllome.host.vm.VmState;

/**
 * Turns libvirt's domain lifecycle events into Event Admin events ({@link VmEvents}), on each
 * connection the hypervisor opens: after libvirt restarted, the callback is registered again on
 * the new connection. libvirt calls back on its event loop thread, which must not wait; the
 * events are handed, in order, to a thread of this component, which asks libvirt for a state
 * only where the event does not tell it (a definition changed) and posts them asynchronously.
 */
@Component(immediate = true)
public class VmEventPublisher {

    private static final System.Logger LOG = System.getLogger(VmEventPublisher.class.getName());

    private final EventAdmin eventAdmin;
    private final ExecutorService poster = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "phyllome-vm-events");
        t.setDaemon(true);
        return t;
    });
    private final LifecycleListener listener = this::received;
    private final Runnable unfollow;
    /** The connection the callback is registered on; guarded by this. */
    private Connect registeredOn;

    @Activate
    public VmEventPublisher(@Reference EventAdmin eventAdmin, @Reference LibvirtConnections connections) {
        this.eventAdmin = eventAdmin;
        this.unfollow = connections.follow(this::register);
    }

    @Deactivate
    void deactivate() {
        unfollow.run();
        synchronized (this) {
            if (registeredOn != null) {
                try {
                    registeredOn.removeLifecycleListener(listener);
                } catch (LibvirtException e) {
                    // the connection is going away with its callbacks
                }
                registeredOn = null;
            }
        }
        poster.shutdownNow();
        try {
            poster.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void register(Connect connection) {
        if (connection == registeredOn) {
            return;
        }
        try {
            connection.addLifecycleListener(listener);
            registeredOn = connection; // the old connection was closed, and its callback with it
        } catch (LibvirtException e) {
            LOG.log(System.Logger.Level.WARNING, "libvirt does not report VM lifecycle events on this connection, so other bundles"
                    + " will not see them: " + e.getMessage());
        }
    }

    /** On libvirt's event loop thread: takes only what is local to the event and hands it on. */
    private int received(Domain domain, DomainEvent event) {
        String name;
        try {
            name = domain.getName(); // local: the name came with the event
        } catch (LibvirtException e) {
            return 0;
        }
        DomainEventType type = event.getType();
        Object detail = event.getDetail();
        if (type == DomainEventType.UNKNOWN || poster.isShutdown()) {
            return 0;
        }
        String why = detail == null ? "unknown" : detail.toString().toLowerCase(Locale.ROOT);
        try {
            poster.execute(() -> {
                try {
                    post(domain, name, type, why);
                } catch (RuntimeException e) { // an executor would drop it silently
                    LOG.log(System.Logger.Level.WARNING, "could not post the event " + type + " of VM " + name + ": " + e, e);
                }
            });
        } catch (RejectedExecutionException e) {
            // deactivated between the check and now: nobody to post to; never throw into libvirt's loop
        }
        return 0;
    }

    private void post(Domain domain, String name, DomainEventType type, String detail) {
        VmState state = switch (type) {
            case STARTED, RESUMED -> VmState.RUNNING;
            case SUSPENDED -> VmState.PAUSED;
            case STOPPED -> VmState.SHUT_OFF;
            case SHUTDOWN -> VmState.SHUTTING_DOWN;
            case PMSUSPENDED -> VmState.SUSPENDED;
            case CRASHED -> VmState.CRASHED;
            default -> stateNow(domain); // DEFINED, UNDEFINED: a running VM may be redefined or made transient
        };
        String topic = VmEvents.TOPIC_PREFIX + (type == DomainEventType.PMSUSPENDED ? "PM_SUSPENDED" : type.name());
        LOG.log(System.Logger.Level.INFO, "VM " + name + ": " + type.name().toLowerCase(Locale.ROOT) + " (" + detail + "), now " + state);
        eventAdmin.postEvent(new Event(topic, Map.of(VmEvents.NAME, name, VmEvents.STATE, state.toString(), VmEvents.DETAIL, detail)));
    }

    /** The VM's state as libvirt has it now; shut-off when it no longer exists. */
    private static VmState stateNow(Domain domain) {
        try {
            return LibvirtHypervisor.state(domain.getInfo().state);
        } catch (LibvirtException e) {
            return VmState.SHUT_OFF;
        }
    }
}
