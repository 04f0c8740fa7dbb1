package io.phyllome.distro.it;

import java.nio.file.Path;

import org.junit.After;
import org.junit.Before;

/**
 * What the VM event tests of both drivers share: a recorder of {@code io/phyllome/vm/*} events,
 * their test VMs (removed after each test), and a guest's first boot seen as events.
 */
abstract class VmLifecycleEvents extends FrameworkTest {

    final TestVms vms = new TestVms();
    VmEventRecorder events;

    @Before
    public void subscribe() {
        events = new VmEventRecorder(context);
    }

    /** Creates the test guest {@code name} and starts it: it is defined, started and stopped (it powers itself off). */
    void bootOnce(Osgi.Platform platform, String name) {
        platform.vms().create(TestGuest.spec(name, "ev", false));
        events.await("DEFINED " + name + " shut-off added");
        platform.vms().start(name);
        events.await("STARTED " + name + " running booted");
        events.await("STOPPED " + name + " shut-off shutdown");
    }

    /** Runs after a subclass's own {@code @After} methods (JUnit 4 runs a superclass's last). */
    @After
    public void removeTestVms() {
        events.close();
        vms.removeAll(Path.of(new Osgi(context).property(TestPlatform.STATE_DIR)).resolve("disks"));
    }
}
