package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import io.phyllome.host.vm.VmInfo;

/**
 * The system libvirtd killed (SIGKILL) and stopped (SIGTERM), then started again, under the
 * running platform: the platform reconnects, says so in one log line, and {@code vm:list},
 * {@code vm:create} and {@code vm:delete} work again through the services and the shell; the VM and
 * disk made before the restart are intact.
 */
public class LibvirtRestartE2EIT extends FrameworkTest {

    /** The logger of the libvirt adapter's connection (host.libvirt's ReconnectingConnection). */
    private static final String CONNECTION_LOGGER = "io.phyllome.host.libvirt.internal.ReconnectingConnection";

    private final TestVms vms = new TestVms();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Before
    public void recordTheConnectionsLog() {
        Logger.getLogger(CONNECTION_LOGGER).addHandler(recorder);
    }

    @Test
    public void thePlatformReconnectsAfterLibvirtdIsKilledOrStoppedAndRestarted() throws Exception {
        Osgi osgi = new Osgi(context);
        Osgi.Platform platform = osgi.connectTo(Host.SYSTEM);
        Path disks = Path.of(osgi.property(TestPlatform.STATE_DIR)).resolve("disks");
        String existing = vms.name("it-restart");
        VmInfo before = platform.vms().create(TestGuest.spec(existing, "m", true));
        Path existingDisk = Path.of(before.disks().get(0).source());

        for (String signal : List.of("KILL", "TERM")) {
            logged.clear();
            LibvirtDaemon.restart(signal, () -> {
                // while it is away: the platform waits a while, then says what is wrong
            });
            assertTrue("SIG" + signal + ": the VM made before is listed: " + platform.vms().list(),
                    platform.vms().list().stream().anyMatch(vm -> vm.name().equals(existing)));
            assertReconnectedInOneLine(signal);

            String made = vms.name("it-restart-" + signal.toLowerCase());
            VmInfo created = platform.vms().create(TestGuest.spec(made, "m", true));
            assertTrue(Files.isRegularFile(Path.of(created.disks().get(0).source())));
            platform.vms().delete(made, false);
            assertFalse("SIG" + signal + ": deleted: " + Host.systemDomains(), Host.systemDomains().contains(made));

            LibvirtDaemon.restart(signal, () -> {
            });
            String shellVm = vms.name("it-restart-sh");
            String list = osgi.gogo("vm:list");
            assertTrue("SIG" + signal + ": vm:list through the shell after the restart:\n" + list, list.contains(existing));
            String create = osgi.gogo("vm:create --memory 256M --cpus 1 --disk 64M linux " + shellVm);
            assertTrue("SIG" + signal + ": vm:create through the shell:\n" + create, Host.systemDomains().contains(shellVm));
            osgi.gogo("vm:delete --with-disks " + shellVm);
            assertFalse(Host.systemDomains().contains(shellVm));
        }

        // nothing made before the restarts was lost
        assertTrue(Host.systemDomains().contains(existing));
        assertTrue("the disk made before the restarts: " + Host.tree(disks), Files.isRegularFile(existingDisk));
        assertTrue("its key: " + Host.systemSecrets(), Host.systemSecretFor(existingDisk));
        assertTrue("its disk is still encrypted", Host.qemuImgInfo(existingDisk).path("encrypted").asBoolean());
        platform.vms().delete(existing, false);
        assertEquals("nothing left in " + disks, List.of(), Host.tree(disks));
    }

    /** One warning of the connection after a restart, naming the connection; nothing else it logged as a warning. */
    private void assertReconnectedInOneLine(String signal) {
        // a reconnect in the background logs once it has renewed the pool and capabilities
        Osgi.await("SIG" + signal + ": a log line about the reconnect", java.time.Duration.ofSeconds(20),
                () -> logged.stream().anyMatch(r -> r.getMessage().contains("reconnected")));
        List<String> warnings = logged.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).map(LogRecord::getMessage).toList();
        assertEquals("SIG" + signal + ": one line about the reconnect: " + warnings, 1, warnings.size());
        assertTrue(warnings.get(0), warnings.get(0).contains("reconnected") && warnings.get(0).contains(Host.SYSTEM));
    }

    /** Removes the domains, disks and keys the test made, and makes sure libvirtd runs. */
    @After
    public void cleanUp() {
        Logger.getLogger(CONNECTION_LOGGER).removeHandler(recorder);
        LibvirtDaemon.start();
        Path disks = Path.of(new Osgi(context).property(TestPlatform.STATE_DIR)).resolve("disks");
        vms.removeAll(disks);
    }
}
