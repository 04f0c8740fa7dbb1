package io.phyllome.distro.it;

import java.nio.file.Path;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * On libvirt's embedded driver, which runs in the platform's process and delivers its events
 * there through the platform's own event loop: a real guest's defined, started, stopped and
 * undefined events reach an Event Admin handler subscribed to {@code io/phyllome/vm/*} with the
 * VM's name and state (see {@link VmEventsE2EIT} for the system daemon).
 */
public class VmEventsEmbeddedE2EIT extends FrameworkTest {

    private final TestVms vms = new TestVms();
    private VmEventRecorder events;

    @Before
    public void subscribe() {
        events = new VmEventRecorder(context);
    }

    @Test
    public void theEmbeddedDriverDeliversItsEventsInProcess() {
        Path root = Path.of(new Osgi(context).property(TestPlatform.STATE_DIR)).resolve("libvirt");
        Osgi.Platform platform = new Osgi(context).connectTo("qemu:///embed?root=" + root);
        String name = vms.name("it-ev-emb");
        platform.vms().create(TestGuest.spec(name, "ev", false));
        events.await("DEFINED " + name + " shut-off added");
        platform.vms().start(name);
        events.await("STARTED " + name + " running booted");
        events.await("STOPPED " + name + " shut-off shutdown");
        platform.vms().delete(name, false);
        events.await("UNDEFINED " + name + " shut-off removed");
    }

    @After
    public void cleanUp() {
        events.close();
        Path disks = Path.of(new Osgi(context).property(TestPlatform.STATE_DIR)).resolve("disks");
        vms.removeAll(disks);
    }
}
