package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Test;

import io.phyllome.host.vm.DirectBoot;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmState;

/**
 * {@code vm:migrate}: a VM whose guest wrote to its encrypted disk on the system daemon moves,
 * shut off, to another libvirt given by its URI — here the embedded driver of another state
 * directory, the second libvirt this machine has — boots there and reads its data back. Moving a
 * running VM, or with a pool the target cannot have, is refused and leaves nothing there.
 *
 * <p>Once a process runs libvirt's embedded driver, libvirt opens no new connection to a daemon
 * in it; so the system daemon is connected first, and cleaned up with virsh.
 */
public class MigrationE2EIT extends FrameworkTest {

    @Test
    public void aShutOffVmMovesToAnotherLibvirtWithItsData() throws Exception {
        Path state = Path.of(new Osgi(context).property(TestPlatform.STATE_DIR));
        Path other = state.getParent().resolve("other-host");
        TestPlatform.createSearchable(other);
        String otherHost = "qemu:///embed?root=" + other.resolve("libvirt");
        String name = TestGuest.uniqueName("it-move");
        String data = TestGuest.random(8);
        Path serial = state.resolve("logs").resolve(name + ".serial.log");
        try {
            Osgi.Platform source = new Osgi(context).connectTo(Host.SYSTEM);
            VmInfo created = source.vms().create(TestGuest.spec(name, name, true).toBuilder()
                    .directBoot(new DirectBoot(TestGuest.kernel(), TestGuest.initrd(), "console=ttyS0 phyllome.marker=" + name + " phyllome.write=" + data))
                    .build());
            assertTrue(created.disks().get(0).encrypted());
            source.vms().start(name);
            VmException running = assertThrows(VmException.class, () -> source.packages().migrate(name, otherHost, ""));
            assertTrue(running.getMessage(), running.getMessage().contains("shut it down first"));
            Osgi.await(TestGuest.BOOT_TIMEOUT, () -> Host.read(serial).contains("PHYLLOME-WROTE " + data), () -> Host.read(serial));
            TestGuest.awaitShutOff(source.vms(), name);

            VmException pool = assertThrows(VmException.class, () -> source.packages().migrate(name, otherHost, "some-pool"));
            assertTrue(pool.getMessage(), pool.getMessage().contains("has no storage pools"));
            assertEquals("nothing went to the other host", List.of(), Host.tree(other.resolve("disks")));

            List<String> report = source.packages().migrate(name, otherHost, "");
            assertTrue("the report says where the VM went: " + report, report.get(report.size() - 1).contains("moved " + name + " to " + otherHost));
            Path disk = other.resolve("disks").resolve(name + "-0.qcow2");
            assertTrue("the other host defines the VM", Files.isRegularFile(other.resolve("libvirt/etc/qemu").resolve(name + ".xml")));
            assertTrue("the disk went to the other host, still encrypted", Host.luksEncrypted(disk));
            assertFalse("the disk holds no clear text", Host.read(disk).contains(data));
            assertEquals("the VM stays here, shut off", VmState.SHUT_OFF, source.vms().info(name).state());
            SecretScan.record(SecretScan.embeddedKey(other, disk));
            source.vms().delete(name, false); // what the user does once the VM runs there

            Osgi.Platform target = new Osgi(context).connectTo(otherHost);
            Files.deleteIfExists(serial);
            target.vms().start(name);
            Osgi.await(TestGuest.BOOT_TIMEOUT, () -> Host.read(serial).contains("PHYLLOME-FOUND " + data),
                    () -> "the guest did not read its data back on the other host:\n" + Host.read(serial));
            TestGuest.awaitShutOff(target.vms(), name);
            target.vms().delete(name, true);
        } finally {
            Host.removeLeftovers(name, state.resolve("disks"));
        }
    }
}
