package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.After;
import org.junit.Test;

import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DirectBoot;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmSpec;

/**
 * End to end against the system libvirtd: the test guest writes to its encrypted disk, the host
 * only ever holds ciphertext, and the guest reads its data back after a restart. Extra disks are
 * encrypted by default too, and grow.
 */
public class EncryptedDiskE2EIT extends FrameworkTest {

    private String name;

    @Test
    public void theGuestSeesPlainDataTheHostOnlyCiphertext() throws IOException {
        Osgi.Platform platform = new Osgi(context).connectTo(Host.SYSTEM);
        name = TestGuest.uniqueName("it-enc");
        String data = "data" + TestGuest.random(12);
        VmSpec spec = VmSpec.builder("linux", name).memory(ByteSize.ofMiB(256)).cpus(1).disk(DiskSpec.of(ByteSize.ofMiB(64)))
                .directBoot(new DirectBoot(TestGuest.kernel(), TestGuest.initrd(), "console=ttyS0 phyllome.write=" + data)).build();
        VmInfo vm = platform.vms().create(spec);
        Path disk = Path.of(vm.disks().get(0).source());
        Path serialLog = Path.of(new Osgi(context).property(TestPlatform.STATE_DIR)).resolve("logs").resolve(name + ".serial.log");

        VmDisk extra = platform.vms().addDisk(name, DiskSpec.of(ByteSize.ofMiB(16)));
        assertTrue("an added disk is encrypted unless told otherwise: " + extra, extra.encrypted());
        assertTrue("qemu-img sees LUKS on " + extra.source(), Host.luksEncrypted(Path.of(extra.source())));
        assertEquals("vdb", extra.target());
        SecretScan.systemKey(disk); // looked for in the whole run's output by ./test
        SecretScan.systemKey(Path.of(extra.source()));

        platform.vms().start(name);
        awaitLine(serialLog, "PHYLLOME-WROTE " + data);
        TestGuest.awaitShutOff(platform.vms(), name);
        assertFalse("the host-side file " + disk + " holds the guest's data in clear", Host.read(disk).contains(data));
        assertTrue("qemu-img reports LUKS", Host.luksEncrypted(disk));

        platform.vms().resizeDisk(name, "vda", ByteSize.ofMiB(96));
        assertEquals("vda grew", ByteSize.ofMiB(96).bytes(), Host.qemuImgInfo(disk).path("virtual-size").asLong());

        platform.vms().start(name);
        awaitLine(serialLog, "PHYLLOME-FOUND " + data);
        TestGuest.awaitShutOff(platform.vms(), name);

        platform.vms().delete(name, false);
        assertFalse(disk + " remains", Files.exists(disk));
        assertFalse(extra.source() + " remains", Files.exists(Path.of(extra.source())));
        assertFalse("a key remains: " + Host.systemSecrets(), Host.systemSecretFor(disk) || Host.systemSecretFor(Path.of(extra.source())));
    }

    private static void awaitLine(Path log, String line) {
        // contains, not equals: the kernel's own messages can run into a line on the serial console
        Osgi.await(Duration.ofSeconds(90), () -> Host.read(log).lines().anyMatch(l -> l.contains(line)),
                () -> "'" + line + "' in " + log + ":\n" + Host.read(log));
    }

    /** After a failure: removes what the test left in the system daemon. */
    @After
    public void cleanUp() {
        Host.removeLeftovers(name, Path.of(new Osgi(context).property(TestPlatform.STATE_DIR)).resolve("disks"));
    }
}
