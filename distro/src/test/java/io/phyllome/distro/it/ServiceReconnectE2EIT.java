package io.phyllome.distro.it;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.After;
import org.junit.Test;

/**
 * libvirtd killed (SIGKILL) and started again under the running service (issue 14): the next
 * {@code vm:list} and {@code vm:create} through the thin client succeed, the service's log says
 * that it reconnected (and that a guest's events still arrive), and the VM defined before the
 * restart is still there.
 */
public class ServiceReconnectE2EIT {

    private final Path state = Path.of("/tmp", "phy-" + TestGuest.random(3));
    private final String prefix = TestGuest.uniqueName("it-svc-rc");
    private Service service;

    @Test
    public void theServiceReconnectsAfterLibvirtdWasKilled() throws Exception {
        LibvirtDaemon.start();
        service = new Service(state, Host.SYSTEM).start();
        String before = prefix + "-before";
        service.run("vm:create", "--memory", "256M", "--cpus", "1", "--disk", "64M", "linux", before).ok();
        Osgi.await("the service logs the definition of " + before, Duration.ofSeconds(30),
                () -> Host.read(service.log()).contains("VM " + before + ": defined"));

        LibvirtDaemon.restart("KILL", () -> {
        });

        String list = service.run("vm:list").ok().out();
        assertTrue("vm:list after the restart shows the VM made before:\n" + list, list.contains(before));
        String after = prefix + "-after";
        service.run("vm:create", "--memory", "256M", "--cpus", "1", "--disk", "none", "linux", after).ok();
        assertTrue("defined after the restart: " + Host.systemDomains(), Host.systemDomains().contains(after));
        Osgi.await("the service's log says it reconnected", Duration.ofSeconds(30),
                () -> Host.read(service.log()).contains("reconnected after"));
        // the event callback was registered on the new connection
        Osgi.await("the service logs the definition of " + after + " (events after the reconnect)", Duration.ofSeconds(30),
                () -> Host.read(service.log()).contains("VM " + after + ": defined"));
        String log = Host.read(service.log());
        assertTrue("the log names the connection and what was renewed:\n" + log,
                log.contains("libvirt closed the connection to " + Host.SYSTEM) && log.contains("event callbacks renewed"));
        assertFalse("no stack trace in the service's log:\n" + log, log.contains("\tat "));

        for (String vm : List.of(before, after)) {
            service.run("vm:delete", "--with-disks", vm).ok();
        }
        assertFalse(Host.systemDomains().contains(before) || Host.systemDomains().contains(after));
        service.stop(Duration.ofSeconds(60));
    }

    @After
    public void cleanUp() {
        if (service != null) {
            service.close();
        }
        LibvirtDaemon.start();
        Path disks = state.resolve("disks");
        List.of(prefix + "-before", prefix + "-after").forEach(n -> Host.removeLeftovers(n, disks));
        Host.quietly("rm", "-rf", state.toString());
    }
}
