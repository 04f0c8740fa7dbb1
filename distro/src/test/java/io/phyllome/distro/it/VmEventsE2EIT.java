package io.phyllome.distro.it;

import org.junit.After;
import org.junit.Test;

/**
 * libvirt's lifecycle events of a real guest reach an Event Admin handler subscribed to
 * {@code io/phyllome/vm/*}: defined, started, stopped (the guest powers itself off), undefined,
 * with the VM's name and its state as vm:list shows it; on the system daemon, again after
 * libvirtd was killed and restarted under the platform (the callback is registered on the new
 * connection). {@link VmEventsEmbeddedE2EIT} does the same on the embedded driver (a process
 * that opened it opens no qemu:///system any more, hence a class, and a framework, of its own).
 */
public class VmEventsE2EIT extends VmLifecycleEvents {

    @Test
    public void theSystemDaemonsEventsArriveAlsoAfterLibvirtdRestarted() throws Exception {
        Osgi.Platform platform = new Osgi(context).connectTo(Host.SYSTEM);
        String name = vms.name("it-ev-sys");
        bootOnce(platform, name);

        LibvirtDaemon.restart("KILL", () -> {
        });
        events.clear();
        platform.vms().list(); // the next command works; the reconnect renewed the callback
        platform.vms().start(name);
        events.await("STARTED " + name + " running booted");
        events.await("STOPPED " + name + " shut-off shutdown");
        platform.vms().delete(name, false);
        events.await("UNDEFINED " + name + " shut-off removed");
    }

    @After
    public void daemonBack() {
        LibvirtDaemon.start();
    }
}
