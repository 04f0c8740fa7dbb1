package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.After;
import org.junit.Test;

/**
 * A real crash of the platform process between a new VM's disk and its definition, and the repair
 * on the next start, against the system libvirtd: the platform halts at its fault-injection point
 * (system property {@code phyllome.fault.halt-at=vm-create.disks-made}), leaving an encrypted volume and its
 * libvirt secret but no domain; the next start warns about it, {@code disk:orphans} reports it and
 * {@code disk:orphans --clean} removes the file and the secret, while a disk kept on purpose by
 * {@code vm:delete --keep-disks} in the same state directory survives.
 */
public class CrashRepairE2EIT {

    private static final String HALT = "-Dphyllome.fault.halt-at=vm-create.disks-made";
    private static final int HALT_STATUS = 86;

    private final Path work = Path.of(TestPlatform.required("phyllome.it.work")).toAbsolutePath().resolve(CrashRepairE2EIT.class.getSimpleName());
    private final Path state = work.resolve("state-" + TestGuest.random(4));
    private final String crashed = TestGuest.uniqueName("it-crash");
    private final String kept = TestGuest.uniqueName("it-crash-kept");

    @Test
    public void aCreationKilledBetweenDiskAndDomainIsReportedAndCleanedButAKeptDiskIsNot() {
        TestPlatform.createSearchable(state);
        OneShot platform = new OneShot(state, Host.SYSTEM);
        Path disks = state.resolve("disks");
        Path keptDisk = disks.resolve(kept + "-0.qcow2");
        Path crashedDisk = disks.resolve(crashed + "-0.qcow2");

        platform.run("vm:create", "--memory", "256M", "--cpus", "1", "--disk", "64M", "linux", kept).ok();
        platform.run("vm:delete", "--keep-disks", kept).ok();
        assertTrue("kept disk " + keptDisk, Files.isRegularFile(keptDisk) && Host.systemSecretFor(keptDisk));

        OneShot.Result crash = new OneShot(state, Host.SYSTEM).with(HALT).run("vm:create", "--memory", "256M", "--cpus", "1", "--disk", "64M",
                "linux", crashed);
        assertEquals("the platform halted at the fault-injection point: " + crash, HALT_STATUS, crash.exit());
        assertTrue(crash.toString(), crash.err().contains("fault injection"));
        assertTrue("the crash left the disk " + crashedDisk + ": " + Host.tree(disks), Files.isRegularFile(crashedDisk));
        assertTrue("the crash left the disk's key: " + Host.systemSecrets(), Host.systemSecretFor(crashedDisk));
        assertFalse("no domain was defined: " + Host.systemDomains(), Host.systemDomains().contains(crashed));

        OneShot.Result report = platform.run("disk:orphans").ok();
        assertTrue("the start-up warning names the leftover: " + report,
                report.err().contains("a crash interrupted the creation of " + crashedDisk + " (with its key)")
                        && report.err().contains("disk:orphans --clean"));
        assertTrue(report.toString(), report.out().contains("left by an interrupted creation: " + crashedDisk + " (with its key)"));
        assertTrue(report.toString(), report.out().contains("unused disk: " + keptDisk + " (kept"));
        assertFalse("a kept disk is no crash leftover: " + report, report.out().contains("interrupted creation: " + keptDisk));
        OneShot.Result check = platform.run("host:check");
        assertTrue("host:check warns with the fix: " + check, check.out().lines()
                .anyMatch(l -> l.startsWith("WARN") && l.contains("crash leftovers") && l.contains(crashedDisk.toString()) && l.contains("disk:orphans --clean")));

        OneShot.Result clean = platform.run("disk:orphans", "--clean").ok();
        assertTrue(clean.toString(), clean.out().contains("left by an interrupted creation: " + crashedDisk + " (with its key) (removed)"));
        assertFalse("the leftover disk is gone: " + Host.tree(disks), Files.exists(crashedDisk));
        assertFalse("its key is gone: " + Host.systemSecrets(), Host.systemSecretFor(crashedDisk));
        assertTrue("the kept disk stays: " + Host.tree(disks), Files.isRegularFile(keptDisk));
        assertTrue("the kept disk's key stays: " + Host.systemSecrets(), Host.systemSecretFor(keptDisk));
        assertEquals("only the kept disk is left in " + disks, java.util.List.of(keptDisk.getFileName().toString()), Host.tree(disks));

        OneShot.Result after = platform.run("disk:orphans").ok();
        assertFalse("no warning once repaired: " + after, after.err().contains("crash interrupted"));
        assertEquals("unused disk: " + keptDisk + " (kept; delete it with disk:delete " + keptDisk + ")", after.out().strip());
        platform.run("disk:delete", keptDisk.toString()).ok();
        assertFalse("disk:delete removes the kept disk's key: " + Host.systemSecrets(), Host.systemSecretFor(keptDisk));
    }


    /** Removes what the test may have left in the system daemon and the state directory. */
    @After
    public void cleanUp() {
        Host.removeLeftovers(crashed, state.resolve("disks"));
        Host.removeLeftovers(kept, state.resolve("disks"));
        Host.quietly("rm", "-rf", state.toString());
    }
}
