package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Test;

import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmState;

/**
 * End to end against libvirt's embedded QEMU driver ({@code qemu:///embed?root=<state>/libvirt}),
 * which runs in the platform's process with no daemon.
 *
 * <p>Encrypted disks work there too: the platform opens the embedded secret driver of the same
 * root beside it and gives its threads the identity the driver needs to read a key.
 *
 * <p>The state directory lies deep below target/, so this also checks that the platform reaches
 * the driver's root through a short link (QEMU's socket paths are limited to 107 bytes).
 */
public class EmbeddedDriverE2EIT extends FrameworkTest {

    private Osgi.Platform connect(Path root) {
        Osgi.Platform platform = new Osgi(context).connectTo(embedUri(root));
        String connection = platform.hypervisor().capabilities().connection();
        assertTrue("connected to the embedded driver: " + connection, connection.startsWith("qemu:///embed?root="));
        try {
            assertEquals("the driver's root (through its short link)", root.toRealPath(),
                    Path.of(connection.substring("qemu:///embed?root=".length())).toRealPath());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return platform;
    }

    private static String embedUri(Path root) {
        return "qemu:///embed?root=" + root;
    }

    /** A new test guest's name and marker, on the embedded driver whose root is {@link #root()}, and where its files go. */
    private record Guest(Osgi.Platform platform, Path state, String name, String marker) {

        /** The embedded driver's root. */
        Path root() {
            return root(state);
        }

        /** The embedded driver's root in the platform's state directory {@code state}. */
        static Path root(Path state) {
            return state.resolve("libvirt");
        }

        Path disk() {
            return state.resolve("disks").resolve(name + "-0.qcow2");
        }

        Path serialLog() {
            return state.resolve("logs").resolve(name + ".serial.log");
        }

        /** Starts it: it prints its marker and powers itself off. */
        void bootOnce() {
            platform.vms().start(name);
            TestGuest.awaitBoot(serialLog(), marker);
            TestGuest.awaitShutOff(platform.vms(), name);
        }
    }

    private Guest newGuest() {
        Path state = Path.of(new Osgi(context).property(TestPlatform.STATE_DIR));
        return new Guest(connect(Guest.root(state)), state, TestGuest.uniqueName("it-emb"), TestGuest.random(8));
    }

    @Test
    public void unencryptedGuestBootsAndIsDeletedWithoutTrace() {
        Guest guest = newGuest();
        Osgi.Platform platform = guest.platform();
        Path root = guest.root();
        String name = guest.name();
        Path disk = guest.disk();
        Path serialLog = guest.serialLog();
        Path config = root.resolve("etc/qemu").resolve(name + ".xml");
        Path nvramDir = root.resolve("lib/qemu/nvram");
        Path nvram = nvramDir.resolve(name + "_VARS.fd");

        VmInfo created = platform.vms().create(TestGuest.spec(name, guest.marker(), false));
        assertEquals(VmState.SHUT_OFF, created.state());
        VmDisk vda = created.disks().get(0);
        assertEquals(disk.toString(), vda.source());
        assertTrue("disk is managed and not encrypted: " + vda, vda.managed() && !vda.encrypted());
        assertTrue("the embedded driver keeps the definition in " + config, Files.isRegularFile(config));
        assertFalse("the system daemon does not see " + name, Host.systemDomains().contains(name));
        assertFalse("qemu-img info: not encrypted", Host.qemuImgInfo(disk).path("encrypted").asBoolean());

        guest.bootOnce();
        assertTrue("the embedded driver keeps NVRAM in " + nvramDir + ": " + Host.tree(nvramDir), Files.isRegularFile(nvram));

        platform.vms().delete(name, false);

        assertTrue("VirtualMachines still lists " + name, platform.vms().list().stream().noneMatch(vm -> vm.name().equals(name)));
        assertFalse("definition " + config + " remains", Files.exists(config));
        assertEquals("left in " + nvramDir, List.of(), Host.tree(nvramDir));
        assertFalse("disk " + disk + " remains", Files.exists(disk));
        assertFalse("serial log " + serialLog + " remains", Files.exists(serialLog));
        List<String> traces = Host.tree(root).stream().filter(p -> p.contains(name) && !p.startsWith("log/")).toList();
        assertEquals("files of " + name + " left under " + root + " (libvirt's own QEMU log in log/qemu aside)", List.of(), traces);
    }

    @Test
    public void encryptedGuestBootsAndItsKeyGoesWithItsDisk() {
        Guest guest = newGuest();
        Osgi.Platform platform = guest.platform();
        Path disk = guest.disk();
        Path secrets = guest.root().resolve("etc/secrets");

        VmInfo created = platform.vms().create(TestGuest.spec(guest.name(), guest.marker(), true));
        assertTrue("disk is encrypted: " + created.disks(), created.disks().get(0).encrypted());
        assertTrue("qemu-img info reports LUKS", Host.luksEncrypted(disk));
        assertFalse("the system daemon has no key for " + disk, Host.systemSecretFor(disk));
        assertFalse("the embedded secret driver keeps the key under " + secrets, Host.tree(secrets).isEmpty());

        guest.bootOnce();
        platform.vms().delete(guest.name(), false);

        assertFalse("disk " + disk + " remains", Files.exists(disk));
        assertEquals("keys left under " + secrets, List.of(), Host.tree(secrets));
    }
}
