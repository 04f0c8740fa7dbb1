package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.After;
import org.junit.Test;

/**
 * The order of a fresh host's first steps does not matter (issue 12). The host is made as a boot
 * without udev or systemd leaves it — no libvirt daemon, no {@code /run/libvirt}, and
 * {@code /dev/kvm}, where the machine has one, root:root 0600 — and the platform runs first on
 * libvirt's embedded driver: once as {@code java -jar} (no launcher), once as {@code ./phyllome
 * host:info}, as the README has a newcomer do. A libvirt daemon started afterwards must still start
 * a TPM guest (libvirt's embedded driver would make {@code /run/libvirt} 0700, and swtpm, running
 * as tss, could then not make its socket below it).
 *
 * <p>Not a Pax Exam test: the daemon is stopped under it, so nothing in this JVM holds a connection.
 */
public class FreshHostOrderE2EIT {

    private static final Path RUN = Path.of("/run/libvirt");
    private static final Path KVM = Path.of("/dev/kvm");

    private final String name = TestGuest.uniqueName("it-order");
    private final Path state = Path.of("/tmp", "phy-" + TestGuest.random(3));
    private final Path work = Path.of(TestPlatform.required("phyllome.it.work")).toAbsolutePath().resolve(FreshHostOrderE2EIT.class.getSimpleName());
    private final Path launcher = Path.of(TestPlatform.required("phyllome.it.launcher"));
    /** /dev/kvm as it was before the test, to be restored. */
    private PosixFileAttributes kvm;

    @Test
    public void aDaemonStartedAfterTheEmbeddedDriverStartsATpmGuest() throws IOException {
        Host.quietly("rm", "-rf", work.toString());
        Files.createDirectories(work);
        for (String dir : List.of("direct", "launcher", "daemon")) {
            TestPlatform.createSearchable(state.resolve(dir)); // QEMU, run by the daemon as libvirt-qemu, reaches its files
        }

        freshBoot();
        OneShot.Result embedded = new OneShot(state.resolve("direct"), "qemu:///embed?root=" + state.resolve("direct/libvirt")).run("host:info");
        assertEquals("java -jar host:info on the embedded driver:\n" + embedded, 0, embedded.exit());
        assertEquals("/run/libvirt after the platform (no launcher) opened the embedded driver first", "rwxr-xr-x", mode(RUN));

        freshBoot();
        OneShot.Result launched = launcher("host:info");
        assertEquals("./phyllome host:info with no daemon:\n" + launched, 0, launched.exit());
        assertTrue("./phyllome chose the embedded driver:\n" + launched, launched.out().contains("qemu:///embed"));
        assertEquals("/run/libvirt after ./phyllome ran first", "rwxr-xr-x", mode(RUN));
        if (Files.exists(KVM)) {
            assertEquals("/dev/kvm as udev would make it", "kvm rw-rw----", ownership(KVM).substring("root:".length()));
        }

        LibvirtDaemon.start();
        OneShot daemon = new OneShot(state.resolve("daemon"), Host.SYSTEM);
        OneShot.Result created = daemon.run("vm:create", "--disk", "none", "--memory", "4G", "--cpus", "2", "windows-11", name);
        assertEquals("vm:create on the daemon:\n" + created, 0, created.exit());
        OneShot.Result started = daemon.run("vm:start", name);
        assertEquals("a TPM guest starts on the daemon started after the embedded driver:\n" + started + "\nswtpm's log:\n" + swtpmLog(), 0,
                started.exit());
        String uuid = Host.run("virsh", "-c", Host.SYSTEM, "domuuid", name).strip();
        assertTrue("swtpm serves " + name, Host.run("ps", "-eo", "args").lines().anyMatch(p -> p.startsWith("/usr/bin/swtpm") && p.contains(uuid)));
        OneShot.Result stopped = daemon.run("vm:stop", name);
        assertEquals(stopped.toString(), 0, stopped.exit());
        OneShot.Result deleted = daemon.run("vm:delete", "--with-disks", name);
        assertEquals(deleted.toString(), 0, deleted.exit());
    }

    /**
     * The host as a boot leaves it without udev or systemd: the daemons stopped, their runtime
     * directory gone (it is a tmpfs), {@code /dev/kvm} only root can open. The default network is
     * taken down first, as a shutdown would, so that the daemon can start it again.
     */
    private void freshBoot() throws IOException {
        LibvirtDaemon.stopAll();
        Host.run("rm", "-rf", RUN.toString());
        if (Files.exists(KVM)) {
            if (kvm == null) {
                kvm = Files.readAttributes(KVM, PosixFileAttributes.class);
            }
            Host.run("chown", "root:root", KVM.toString());
            Host.run("chmod", "0600", KVM.toString());
        }
    }

    /** Runs ./phyllome as a user does, with the jar this build made and no daemon to find. */
    private OneShot.Result launcher(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("env", "-u", "PHYLLOME_LIBVIRT_URI", "PHYLLOME_STATE_DIR=" + state.resolve("launcher"),
                "PHYLLOME_NO_BUILD=1", "PHYLLOME_NO_CDS=1", launcher.toString()));
        command.addAll(List.of(args));
        return OneShot.exec(command, work.resolve("launcher"));
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static String ownership(Path path) throws IOException {
        PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class);
        return a.owner().getName() + ":" + a.group().getName() + " " + PosixFilePermissions.toString(a.permissions());
    }

    private String swtpmLog() {
        return Host.read(Path.of("/var/log/swtpm/libvirt/qemu", name + "-swtpm.log"));
    }

    /** Whatever happened: the VM and its files gone, the daemons running, /dev/kvm as it was. */
    @After
    public void cleanUp() {
        LibvirtDaemon.start();
        Host.removeLeftovers(name, state.resolve("daemon/disks"));
        if (kvm != null) {
            Host.quietly("chown", kvm.owner().getName() + ":" + kvm.group().getName(), KVM.toString());
            try {
                Files.setPosixFilePermissions(KVM, kvm.permissions());
            } catch (IOException e) {
                // best effort, as the rest of the cleanup
            }
        }
        Host.quietly("rm", "-rf", state.toString());
    }
}
