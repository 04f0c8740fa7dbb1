package io.phyllome.host.core.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;

/** The fakes the other tests of {@link VmService} rely on behave as they claim. */
class VmServiceFakesTest extends VmServiceTest {

    @Test
    void theFakesThemselvesBehave() {
        // guards the fakes the other tests rely on
        Volume v = storage.create("x", 0, DiskSpec.of(ByteSize.ofGiB(1)));
        assertTrue(v.encrypted());
        assertEquals(Optional.of(v), storage.find(v.path()));
        storage.delete(v);
        assertEquals(List.of(), storage.list());
        assertInstanceOf(Hypervisor.class, hypervisor);
    }
}
