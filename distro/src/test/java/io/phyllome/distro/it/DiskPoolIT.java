package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.Test;

import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmSpec;

/**
 * The disks as a libvirt storage pool on the system daemon: by default the state directory's
 * disk directory, which {@code virsh vol-list} then shows as disks come and go; or a pool the
 * administrator configured, whose directory then holds the disks.
 */
public class DiskPoolIT extends FrameworkTest {

    @Test
    public void theDiskDirectoryIsAPoolThatListsTheDisks() {
        Path state = Path.of(new Osgi(context).property(TestPlatform.STATE_DIR));
        Osgi.Platform platform = new Osgi(context).connectTo(Host.SYSTEM);
        String pool = platform.pool().name();

        assertEquals(state.resolve("disks"), platform.pool().directory());
        assertTrue("a pool of its own for this state directory: " + pool, pool.matches("phyllome-[0-9a-f]{8}"));
        assertTrue("virsh shows the pool's directory", Host.run("virsh", "-c", Host.SYSTEM, "pool-dumpxml", pool)
                .contains("<path>" + state.resolve("disks") + "</path>"));

        String name = TestGuest.uniqueName("it-pool");
        try {
            platform.vms().create(VmSpec.builder("linux", name).memory(ByteSize.ofMiB(256)).cpus(1).disk(DiskSpec.of(ByteSize.ofMiB(64))).build());
            assertTrue("virsh vol-list shows the new disk", volumes(pool).contains(name + "-0.qcow2"));
            platform.vms().delete(name, false);
            assertFalse("virsh vol-list no longer shows the deleted disk", volumes(pool).contains(name + "-0.qcow2"));
        } finally {
            Host.removeLeftovers(name, state.resolve("disks"));
        }
    }

    @Test
    public void aConfiguredPoolHoldsTheDisks() throws Exception {
        Path state = Path.of(new Osgi(context).property(TestPlatform.STATE_DIR));
        Path directory = state.getParent().resolve("shared-pool");
        TestPlatform.createSearchable(directory);
        String pool = "it-" + TestGuest.uniqueName("pool");
        Host.run("virsh", "-c", Host.SYSTEM, "pool-create-as", pool, "dir", "--target", directory.toString());
        String name = TestGuest.uniqueName("it-pool");
        try {
            Osgi.Platform platform = new Osgi(context).configureLibvirt(Map.of("uri", Host.SYSTEM, "pool", pool));
            assertEquals(directory, platform.pool().directory());

            VmInfo vm = platform.vms().create(VmSpec.builder("linux", name).memory(ByteSize.ofMiB(256)).cpus(1)
                    .disk(DiskSpec.of(ByteSize.ofMiB(64))).build());
            Path disk = directory.resolve(name + "-0.qcow2");
            assertEquals(disk.toString(), vm.disks().get(0).source());
            assertTrue("the disk is in the configured pool's directory", Files.isRegularFile(disk));
            assertTrue("virsh vol-list " + pool + " shows it", volumes(pool).contains(name + "-0.qcow2"));
            assertFalse("the state directory holds no disk of it", Files.exists(state.resolve("disks").resolve(name + "-0.qcow2")));
            platform.vms().delete(name, false);
            assertFalse(Files.exists(disk));

            Osgi.Platform missing = new Osgi(context).configureLibvirt(Map.of("uri", Host.SYSTEM, "pool", "it-no-such-pool"));
            VmException e = assertThrows(VmException.class, () -> missing.vms().create(VmSpec.builder("linux", name).memory(ByteSize.ofMiB(256))
                    .cpus(1).disk(DiskSpec.of(ByteSize.ofMiB(64))).build()));
            assertTrue("the error names the pool and the fix: " + e.getMessage(),
                    e.getMessage().contains("'it-no-such-pool' does not exist") && e.getMessage().contains("pool-define-as"));
            assertFalse("no VM was defined", Host.systemDomains().contains(name));
        } finally {
            Host.removeLeftovers(name, directory);
            Host.quietly("virsh", "-c", Host.SYSTEM, "pool-destroy", pool);
            new Osgi(context).connectTo(Host.SYSTEM);
        }
    }

    private static String volumes(String pool) {
        return Host.run("virsh", "-c", Host.SYSTEM, "vol-list", pool);
    }
}
