package io.phyllome.host.core.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.phyllome.host.core.profiles.FakeProfile;
import io.phyllome.host.device.VideoModel;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmSpec;

/** {@link VmService#create} that succeeds: the disks first, then the domain with the profile's recommendation. */
class VmServiceCreateTest extends VmServiceTest {

    @Test
    void createsDisksThenDefinesTheDomainWithTheProfilesRecommendation() {
        FakeProfile linux = profiles.add(new FakeProfile("linux", (ctx, dev) -> dev.video(VideoModel.VIRTIO).warn("be careful")));

        VmInfo vm = service.create(VmSpec.builder("linux", "vm1").disk(DiskSpec.of(ByteSize.ofGiB(25)))
                .disk(new DiskSpec(ByteSize.ofGiB(5), false)).build());

        assertEquals(List.of("storage.create vm1#0 25G encrypted", "storage.create vm1#1 5G plain", "hypervisor.define vm1",
                "storage.confirm /pool/vm1-0.qcow2", "storage.confirm /pool/vm1-1.qcow2"), mutations(), "disks are confirmed once the VM refers to them");
        DomainDefinition defined = hypervisor.definitions.get(0);
        assertEquals(ByteSize.ofGiB(4), defined.spec().memory().orElseThrow(), "memory comes from the recommendation");
        assertEquals(2, defined.spec().cpus(), "CPUs come from the recommendation");
        assertEquals(List.copyOf(storage.created), defined.volumes(), "volumes are handed over in disk order");
        assertSame(linux.descriptor(), defined.profile());
        assertEquals(VideoModel.VIRTIO, defined.devices().video());
        assertEquals(1, linux.contributions, "the profile chooses devices once");
        assertEquals(ByteSize.ofGiB(4), linux.seen.spec().memory().orElseThrow(), "the profile sees the resolved spec");
        assertSame(HOST, linux.seen.host());

        assertEquals("vm1", vm.name());
        assertEquals("linux", vm.profile());
        assertTrue(vm.profileInstalled());
        assertEquals(2, vm.disks().size());
        assertEquals(List.of("warning: be careful"), vm.findings());
    }

    @Test
    void keepsTheUsersResourcesAndWarnsWhenBelowTheRecommendation() {
        profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));

        VmInfo vm = service.create(VmSpec.builder("linux", "small").memory(ByteSize.ofMiB(512)).cpus(1).build());

        DomainDefinition defined = hypervisor.definitions.get(0);
        assertEquals(ByteSize.ofMiB(512), defined.spec().memory().orElseThrow());
        assertEquals(1, defined.spec().cpus());
        assertEquals(2, vm.findings().size(), vm.findings()::toString);
        assertTrue(vm.findings().get(0).contains("512M of memory is below the 4G recommended for linux profile"), vm.findings().get(0));
        assertTrue(vm.findings().get(1).contains("1 CPUs are fewer than the 2 recommended"), vm.findings().get(1));
    }
}
