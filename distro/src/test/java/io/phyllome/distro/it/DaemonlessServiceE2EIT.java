package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.After;
import org.junit.Test;

/**
 * The service on a host with no libvirt daemon at all (issue 14): no {@code libvirtd}, no
 * {@code virtlogd}. {@code ./phyllome serve} runs libvirt's embedded driver; {@code ./phyllome}
 * commands reach it through the control socket; a guest with the default encrypted disk starts
 * and runs as long as the service; stopping the service (SIGTERM, as systemd stops it) shuts the
 * guest down through ACPI — the guest sees the power button — before the process ends; started
 * again, the service starts the guest marked with {@code vm:autostart}.
 */
public class DaemonlessServiceE2EIT {

    private final String name = TestGuest.uniqueName("it-svc");
    private final String marker = TestGuest.random(8);
    private final Path state = Path.of("/tmp", "phy-" + TestGuest.random(3));
    private final Path launcher = Path.of(TestPlatform.required("phyllome.it.launcher"));

    @Test
    public void anEncryptedGuestRunsWithNoDaemonAndIsShutDownWithTheService() {
        LibvirtDaemon.stopAll();
        Path serial = state.resolve("logs").resolve(name + ".serial.log");
        try (Service service = new Service(state, null).start()) {
            assertTrue("the service answers: " + Host.read(service.log()), Files.exists(service.socket()));
            OneShot.Result info = service.run("host:info").ok();
            assertTrue("the service runs the embedded driver:\n" + info, info.out().contains("qemu:///embed"));

            service.run("vm:create", "--memory", "256M", "--cpus", "1", "--disk", "64M", "--kernel", TestGuest.kernel().toString(),
                    "--initrd", TestGuest.initrd().toString(), "--cmdline", "console=ttyS0 phyllome.marker=" + marker + " phyllome.stay",
                    "linux", name).ok();
            Path disk = state.resolve("disks").resolve(name + "-0.qcow2");
            assertTrue("the default disk is encrypted", Host.luksEncrypted(disk));
            service.run("vm:start", name).ok();
            TestGuest.awaitBoot(serial, marker);
            Osgi.await("the guest waits for the power button", Duration.ofSeconds(60), () -> Host.read(serial).contains("PHYLLOME-STAYING"));
            assertEquals("no libvirt daemon ran at any time", List.of(), LibvirtDaemon.running());
            assertTrue("vm:list through the service: " + service.run("vm:list"), service.run("vm:list").out().contains(name + " "));
            assertTrue(service.run("vm:autostart", name, "on").ok().out().contains(name + " starts with its host: on"));

            service.stop(Duration.ofSeconds(150));
            assertTrue("the guest saw the ACPI power button before the service ended:\n" + Host.read(serial),
                    Host.read(serial).contains("PHYLLOME-ACPI-SHUTDOWN"));
            assertTrue("the service logged the shutdown:\n" + Host.read(service.log()),
                    Host.read(service.log()).contains("shutting down 1 guest(s)"));
            assertFalse("no QEMU of " + name + " is left", Host.run("ps", "-eo", "args").contains("guest=" + name));
            assertFalse("the socket is gone with the service", Files.exists(service.socket()));

            OneShot.Result after = service.run("vm:list").ok();
            assertTrue("the VM is still defined, shut off, once the service is gone:\n" + after, after.out().contains(name + " ") && after.out().contains("shut-off"));

            // the service starts again and starts the VM marked for autostart (a new boot, a new serial log)
            Host.run("rm", "-f", serial.toString());
            service.start();
            Osgi.await("the autostart VM boots again", Duration.ofSeconds(120), () -> Host.read(serial).contains("PHYLLOME-STAYING"));
            assertTrue("the service logged it: " + Host.read(service.log()), Host.read(service.log()).contains("started " + name + " (autostart)"));
            service.stop(Duration.ofSeconds(150));
            assertTrue("shut down through ACPI again:\n" + Host.read(serial), Host.read(serial).contains("PHYLLOME-ACPI-SHUTDOWN"));
        }
    }


    /** Whatever happened: the state directory gone (the guest died with the service), the daemons running again. */
    @After
    public void cleanUp() {
        Host.quietly("rm", "-rf", state.toString());
        LibvirtDaemon.start();
    }
}
