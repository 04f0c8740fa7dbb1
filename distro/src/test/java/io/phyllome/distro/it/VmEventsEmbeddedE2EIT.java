package io.phyllome.distro.it;

import java.nio.file.Path;

import org.junit.Test;

/**
 * On libvirt's embedded driver, which runs in the platform's process and delivers its events
 * there through the platform's own event loop: a real guest's defined, started, stopped and
 * undefined events reach an Event Admin handler subscribed to {@code io/phyllome/vm/*} with the
 * VM's name and state (see {@link VmEventsE2EIT} for the system daemon).
 */
public class VmEventsEmbeddedE2EIT extends VmLifecycleEvents {

    @Test
    public void theEmbeddedDriverDeliversItsEventsInProcess() {
        Path root = Path.of(new Osgi(context).property(TestPlatform.STATE_DIR)).resolve("libvirt");
        Osgi.Platform platform = new Osgi(context).connectTo("qemu:///embed?root=" + root);
        String name = vms.name("it-ev-emb");
        bootOnce(platform, name);
        platform.vms().delete(name, false);
        events.await("UNDEFINED " + name + " shut-off removed");
    }
}
