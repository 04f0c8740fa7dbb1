package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.phyllome.host.vm.VmEvents;

/** An Event Admin handler subscribed to every VM lifecycle topic, recording what it sees. */
final class VmEventRecorder implements AutoCloseable {

    /** A guest's boot and power-off under TCG, with the machine shared by other tests. */
    private static final Duration EVENT_WAIT = Duration.ofSeconds(90);

    /** What the handler saw, as "EVENT name state detail". */
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final ServiceRegistration<EventHandler> registration;

    VmEventRecorder(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, VmEvents.TOPIC_ALL);
        registration = context.registerService(EventHandler.class, (Event e) -> seen.add(e.getTopic().substring(VmEvents.TOPIC_PREFIX.length())
                + " " + e.getProperty(VmEvents.NAME) + " " + e.getProperty(VmEvents.STATE) + " " + e.getProperty(VmEvents.DETAIL)), props);
    }

    /** Waits for {@code event} ("STARTED vm1 running booted") and checks that it came once. */
    void await(String event) {
        Osgi.await(EVENT_WAIT, () -> seen.contains(event), () -> "the event '" + event + "' among those seen: " + seen);
        assertEquals("once: " + seen, 1, seen.stream().filter(event::equals).count());
    }

    /** Forgets what was seen. */
    void clear() {
        seen.clear();
    }

    @Override
    public void close() {
        registration.unregister();
    }
}
