package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.After;
import org.junit.Test;

import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmState;

/**
 * End to end against the system libvirtd: an encrypted VM of the test guest boots, its disk is
 * LUKS, and deleting it leaves no domain, disk, NVRAM, secret or serial log.
 */
public class SystemDaemonE2EIT extends FrameworkTest {

    private static final Path NVRAM_DIR = Path.of("/var/lib/libvirt/qemu/nvram");

    private String name;

    @Test
    public void encryptedGuestBootsAndIsDeletedWithoutTrace() {
        Osgi osgi = new Osgi(context);
        Osgi.Platform platform = osgi.connectTo(Host.SYSTEM);
        assertEquals(Host.SYSTEM, platform.hypervisor().capabilities().connection());

        Path state = Path.of(osgi.property(TestPlatform.STATE_DIR));
        name = TestGuest.uniqueName("it-sys");
        String marker = TestGuest.random(8);
        Path disk = state.resolve("disks").resolve(name + "-0.qcow2");
        Path serialLog = state.resolve("logs").resolve(name + ".serial.log");
        Path nvram = NVRAM_DIR.resolve(name + "_VARS.fd");

        VmInfo created = platform.vms().create(TestGuest.spec(name, marker, true));
        assertEquals(name, created.name());
        assertEquals(VmState.SHUT_OFF, created.state());
        assertEquals("linux", created.profile());
        assertEquals(1, created.disks().size());
        VmDisk vda = created.disks().get(0);
        assertEquals(disk.toString(), vda.source());
        assertTrue("disk is encrypted and managed: " + vda, vda.encrypted() && vda.managed());
        assertTrue("domain " + name + " in " + Host.systemDomains(), Host.systemDomains().contains(name));
        assertTrue("disk " + disk + " exists", Files.isRegularFile(disk));
        assertTrue("libvirt holds a secret for " + disk + ": " + Host.systemSecrets(), Host.systemSecretFor(disk));
        Optional<String> secret = platform.secrets().findVolumeKey(disk.toString());
        assertTrue(secret.isPresent());

        assertTrue("qemu-img info reports LUKS encryption:\n" + Host.qemuImgInfo(disk), Host.luksEncrypted(disk));

        platform.vms().start(name);
        TestGuest.awaitBoot(serialLog, marker);
        // the guest powers itself off; the domain then stops (on_poweroff=destroy)
        TestGuest.awaitShutOff(platform.vms(), name);
        assertTrue("NVRAM " + nvram + " exists after the first start", Files.isRegularFile(nvram));

        platform.vms().delete(name, false);

        assertFalse("domain " + name + " remains: " + Host.systemDomains(), Host.systemDomains().contains(name));
        assertTrue("VirtualMachines still lists " + name, platform.vms().list().stream().noneMatch(vm -> vm.name().equals(name)));
        assertFalse("disk " + disk + " remains", Files.exists(disk));
        assertFalse("NVRAM " + nvram + " remains", Files.exists(nvram));
        assertFalse("secret of " + disk + " remains: " + Host.systemSecrets(), Host.systemSecretFor(disk));
        assertFalse("secret " + secret.get() + " remains", Host.systemSecrets().stream().anyMatch(l -> l.startsWith(secret.get())));
        assertFalse("serial log " + serialLog + " remains", Files.exists(serialLog));
        assertEquals("files left in " + state.resolve("disks"), java.util.List.of(), Host.tree(state.resolve("disks")));
        name = null;
    }

    /** After a failure: removes what the test left in the system daemon. */
    @After
    public void cleanUp() {
        Host.removeLeftovers(name, Path.of(new Osgi(context).property(TestPlatform.STATE_DIR)).resolve("disks"));
    }
}
