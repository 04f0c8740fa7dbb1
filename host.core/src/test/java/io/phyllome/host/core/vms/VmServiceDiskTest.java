package io.phyllome.host.core.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.InvalidSpecException;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmState;

/**
 * The disks of an existing VM through {@link VmService}: adding one, which is confirmed only once
 * attached, and growing one.
 */
class VmServiceDiskTest extends VmServiceTest {

    @Test
    void anAddedDiskWhoseAttachFailsIsRemovedAgain() {
        hypervisor.put(new Domain("vm1", "uuid-1", VmState.SHUT_OFF, "linux", ByteSize.ofGiB(4), 2, List.of()));
        hypervisor.failAttach = new VmException("libvirt could not attach");

        assertThrows(VmException.class, () -> service.addDisk("vm1", DiskSpec.of(ByteSize.ofGiB(1))));

        assertEquals(List.of(), storage.list(), "no orphan volume");
    }

    @Test
    void anAddedDiskIsConfirmedOnlyOnceItIsAttached() {
        hypervisor.put(new Domain("vm1", "uuid-1", VmState.SHUT_OFF, "linux", ByteSize.ofGiB(4), 2, List.of()));
        journal.clear();

        service.addDisk("vm1", DiskSpec.of(ByteSize.ofGiB(1)));

        assertEquals(List.of("storage.create vm1#0 1G encrypted", "hypervisor.attachDisk vm1 /pool/vm1-0.qcow2", "storage.confirm /pool/vm1-0.qcow2"),
                mutations());
    }

    @Test
    void disksOnlyGrow() {
        Volume system = storage.create("vm1", 0, DiskSpec.of(ByteSize.ofGiB(5)));
        hypervisor.put(new Domain("vm1", "uuid-1", VmState.SHUT_OFF, "linux", ByteSize.ofGiB(4), 2,
                List.of(new VmDisk("vda", system.path(), false, true, true))));

        VmException e = assertThrows(VmException.class, () -> service.resizeDisk("vm1", "vda", ByteSize.ofGiB(4)));
        assertTrue(e.getMessage().contains("disks only grow"), e.getMessage());
        assertThrows(VmException.class, () -> service.resizeDisk("vm1", "vdz", ByteSize.ofGiB(6)));
        service.resizeDisk("vm1", "vda", ByteSize.ofGiB(6));
        assertTrue(journal.contains("hypervisor.resizeDisk vm1 vda 6G"), journal.toString());
    }

    @Test
    void aDiskTooSmallToAddPointsAtTheDisk() {
        hypervisor.put(domain("vm1", VmState.SHUT_OFF, "linux"));

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> service.addDisk("vm1", DiskSpec.of(ByteSize.parse("512K"))));

        assertEquals(List.of("disk"), fields(e));
        assertTrue(e.getMessage().contains("disk size 512K is too small"), e.getMessage());
    }
}
