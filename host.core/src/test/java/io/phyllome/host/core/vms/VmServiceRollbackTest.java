package io.phyllome.host.core.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.phyllome.host.core.profiles.FakeProfile;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmSpec;

/** {@link VmService#create} failing half-way: what it created is deleted again, unless the VM was defined after all. */
class VmServiceRollbackTest extends VmServiceTest {

    @Test
    void defineFailingDeletesEveryVolumeCreatedSoFar() {
        profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));
        VmException refused = new VmException("libvirt says no");
        hypervisor.failDefine = refused;

        VmException e = assertThrows(VmException.class, () -> service.create(VmSpec.builder("linux", "vm1")
                .disk(DiskSpec.of(ByteSize.ofGiB(25))).disk(DiskSpec.of(ByteSize.ofGiB(2))).disk(new DiskSpec(ByteSize.ofGiB(3), false))
                .build()));

        assertSame(refused, e);
        assertEquals(List.of("storage.create vm1#0 25G encrypted", "storage.create vm1#1 2G encrypted", "storage.create vm1#2 3G plain",
                "hypervisor.define vm1", "storage.delete /pool/vm1-0.qcow2", "storage.delete /pool/vm1-1.qcow2",
                "storage.delete /pool/vm1-2.qcow2"), mutations());
        assertEquals(List.of(), storage.list(), "no volume is left behind");
        assertTrue(hypervisor.domains.isEmpty());
    }

    @Test
    void aDefinitionThatHappenedAlthoughItsAnswerWasLostKeepsItsDisks() {
        // libvirt defined the VM and restarted before it answered: the disks are the VM's now
        profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));
        hypervisor.failDefineAfterDefining = new VmException("libvirt restarted during the request to define VM 'vm1'");

        assertThrows(VmException.class, () -> service.create(VmSpec.builder("linux", "vm1").disk(DiskSpec.of(ByteSize.ofGiB(2))).build()));

        assertEquals(List.of("storage.create vm1#0 2G encrypted", "hypervisor.define vm1"), mutations(), "no disk of the defined VM is deleted");
        assertEquals(1, storage.list().size());
        assertTrue(hypervisor.domains.containsKey("vm1"));
    }

    @Test
    void aFailingSecondDiskDeletesTheFirst() {
        profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));
        storage.failAtIndex = 1;

        VmException e = assertThrows(VmException.class, () -> service.create(VmSpec.builder("linux", "vm1")
                .disk(DiskSpec.of(ByteSize.ofGiB(25))).disk(DiskSpec.of(ByteSize.ofGiB(2))).build()));

        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertEquals(List.of("storage.create vm1#0 25G encrypted", "storage.create vm1#1 2G encrypted", "storage.delete /pool/vm1-0.qcow2"),
                mutations());
        assertEquals(List.of(), storage.list());
        assertTrue(hypervisor.definitions.isEmpty(), "nothing is defined");
    }

    @Test
    void aFailingCleanupIsAttachedToTheOriginalErrorAndTheOtherVolumesAreStillDeleted() {
        profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));
        VmException refused = new VmException("libvirt says no");
        hypervisor.failDefine = refused;
        storage.failDeleteOf = "/pool/vm1-0.qcow2";

        VmException e = assertThrows(VmException.class, () -> service.create(VmSpec.builder("linux", "vm1")
                .disk(DiskSpec.of(ByteSize.ofGiB(25))).disk(DiskSpec.of(ByteSize.ofGiB(2))).build()));

        assertSame(refused, e, "the user sees why creation failed, not why cleanup failed");
        assertEquals(1, e.getSuppressed().length);
        assertTrue(e.getSuppressed()[0].getMessage().contains("busy"), e.getSuppressed()[0].getMessage());
        assertTrue(journal.contains("storage.delete /pool/vm1-1.qcow2"), journal::toString);
    }
}
