package io.phyllome.host.core.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.NoSuchVmException;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmState;

/**
 * {@link VmService#delete}: stop, undefine, then remove only the disks the platform created for the
 * VM and no other VM uses.
 */
class VmServiceDeleteTest extends VmServiceTest {

    @Test
    void deleteStopsUndefinesThenRemovesOnlyManagedDisks() throws IOException {
        Volume system = storage.create("vm1", 0, DiskSpec.of(ByteSize.ofGiB(25)));
        Volume data = storage.create("vm1", 1, DiskSpec.of(ByteSize.ofGiB(5)));
        Volume foreign = storage.create("other", 0, DiskSpec.of(ByteSize.ofGiB(5)));
        String iso = Files.createFile(dir.resolve("install.iso")).toString();
        hypervisor.put(new Domain("vm1", "uuid-1", VmState.RUNNING, "linux", ByteSize.ofGiB(4), 2, List.of(
                new VmDisk("vda", system.path(), false, true, true),
                new VmDisk("vdb", data.path(), false, true, true),
                // attached by hand: the platform knows the volume, but did not create it for this VM
                new VmDisk("vdc", foreign.path(), false, true, false),
                new VmDisk("sda", iso, true, false, false))));
        journal.clear();

        service.delete("vm1", false);

        assertEquals(List.of("hypervisor.forceStop vm1", "hypervisor.undefine vm1", "storage.delete " + system.path(),
                "storage.delete " + data.path()), mutations());
        assertEquals(List.of(foreign), storage.list(), "an unmanaged disk survives");
        assertTrue(Files.exists(Path.of(iso)));
    }

    @Test
    void aDiskAnotherVmStillUsesIsKeptWhenItsVmIsDeleted() {
        Volume shared = storage.create("vm1", 0, DiskSpec.of(ByteSize.ofGiB(5)));
        hypervisor.put(new Domain("vm1", "uuid-1", VmState.SHUT_OFF, "linux", ByteSize.ofGiB(4), 2,
                List.of(new VmDisk("vda", shared.path(), false, true, true))));
        hypervisor.put(new Domain("vm2", "uuid-2", VmState.SHUT_OFF, "linux", ByteSize.ofGiB(4), 2,
                List.of(new VmDisk("vdb", shared.path(), false, true, false))));

        service.delete("vm1", false);

        assertEquals(List.of(shared), storage.list(), "vm2 still uses the disk");
        VmException e = assertThrows(VmException.class, () -> service.deleteDisk(shared.path()));
        assertTrue(e.getMessage().contains("used by VM vm2"), e.getMessage());
    }

    @Test
    void deleteOfAStoppedVmDoesNotStopIt() {
        Volume system = storage.create("vm1", 0, DiskSpec.of(ByteSize.ofGiB(25)));
        hypervisor.put(new Domain("vm1", "uuid-1", VmState.SHUT_OFF, "linux", ByteSize.ofGiB(4), 2,
                List.of(new VmDisk("vda", system.path(), false, true, true))));
        journal.clear();

        service.delete("vm1", false);

        assertEquals(List.of("hypervisor.undefine vm1", "storage.delete " + system.path()), mutations());
    }

    @Test
    void deleteKeepingDisksOnlyUndefines() {
        Volume system = storage.create("vm1", 0, DiskSpec.of(ByteSize.ofGiB(25)));
        hypervisor.put(new Domain("vm1", "uuid-1", VmState.PAUSED, "linux", ByteSize.ofGiB(4), 2,
                List.of(new VmDisk("vda", system.path(), false, true, true))));
        journal.clear();

        service.delete("vm1", true);

        assertEquals(List.of("hypervisor.forceStop vm1", "hypervisor.undefine vm1"), mutations());
        assertEquals(List.of(system), storage.list());
    }

    @Test
    void deleteOfAManagedDiskUnknownToStorageIsSkipped() {
        hypervisor.put(new Domain("vm1", "uuid-1", VmState.SHUT_OFF, "linux", ByteSize.ofGiB(4), 2,
                List.of(new VmDisk("vda", "/pool/already-gone.qcow2", false, true, true))));
        journal.clear();

        service.delete("vm1", false);

        assertEquals(List.of("hypervisor.undefine vm1"), mutations());
    }

    @Test
    void deleteOfAnUnknownVmChangesNothing() {
        NoSuchVmException e = assertThrows(NoSuchVmException.class, () -> service.delete("ghost", false));
        assertTrue(e.getMessage().contains("no VM named 'ghost'"), e.getMessage());
        assertTrue(e.getMessage().contains("vm:list"), e.getMessage());
        assertEquals(List.of(), mutations());
    }
}
