package io.phyllome.host.core.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.phyllome.host.core.locks.StateLocks;
import io.phyllome.host.diagnostics.CrashLeftovers;
import io.phyllome.host.storage.Storage;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VirtualMachines;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmState;

/** What counts as a crash's leftover, and what cleaning removes: never a disk a VM uses or a user kept. */
class CrashRepairTest {

    final Map<String, Volume> volumes = new LinkedHashMap<>();
    final List<Volume> unconfirmed = new ArrayList<>();
    final List<String> orphanKeys = new ArrayList<>(List.of("uuid-gone"));
    @TempDir
    Path dir;

    final List<String> calls = new ArrayList<>();
    final List<VmInfo> vms = new ArrayList<>();

    final Volume crashed = volume("crashed-0.qcow2", "uuid-crashed");
    final Volume keyOnly = new Volume("disks", "keyonly-0.qcow2", "/state/disks/keyonly-0.qcow2", new ByteSize(0), new ByteSize(0), "uuid-keyonly");
    final Volume defined = volume("defined-0.qcow2", "uuid-defined"); // a crash between definition and confirmation
    final Volume kept = volume("kept-0.qcow2", "uuid-kept");
    final Volume used = volume("used-0.qcow2", "");

    CrashRepair leftovers() {
        unconfirmed.addAll(List.of(crashed, keyOnly, defined));
        volumes.remove(keyOnly.path());
        vms.add(vm("defined", defined));
        vms.add(vm("used", used));
        return new CrashRepair(virtualMachines(), new FakeStorage(), StateLocks.in(dir));
    }

    @Test
    void onlyUnconfirmedDisksNoVmUsesAreLeftoversAndKeptDisksAreJustUnused() {
        CrashLeftovers.Report report = leftovers().scan();

        assertEquals(List.of(crashed, keyOnly), report.interrupted());
        assertEquals(List.of(kept.path()), report.unused());
        assertEquals(List.of("uuid-gone"), report.orphanKeys(), "the key of an interrupted creation is reported with its disk");
        assertEquals(List.of(), calls, "a scan changes nothing");
    }

    @Test
    void cleaningRemovesTheLeftoversWithTheirKeysAndConfirmsWhatAVmUses() {
        CrashLeftovers.Report report = leftovers().clean();

        assertEquals(List.of("confirm " + defined.path(), "delete " + crashed.path(), "delete " + keyOnly.path(), "removeOrphanKeys"), calls);
        assertEquals(List.of(crashed, keyOnly), report.interrupted());
        assertTrue(volumes.containsKey(kept.path()) && volumes.containsKey(used.path()) && volumes.containsKey(defined.path()));
    }

    @Test
    void withoutCreationRecordsAnUnusedDiskIsNeverALeftover() {
        vms.add(vm("used", used));
        CrashLeftovers.Report report = new CrashRepair(virtualMachines(), new FakeStorage(), StateLocks.in(dir)).clean();

        assertEquals(List.of(), report.interrupted());
        assertEquals(List.of(crashed.path(), defined.path(), kept.path()), report.unused(), "listed for disk:delete, never removed");
        assertEquals(List.of("removeOrphanKeys"), calls);
    }

    private Volume volume(String name, String key) {
        Volume volume = new Volume("disks", name, "/state/disks/" + name, ByteSize.ofMiB(64), ByteSize.ofMiB(1), key);
        volumes.put(volume.path(), volume);
        return volume;
    }

    private static VmInfo vm(String name, Volume disk) {
        return new VmInfo(name, "uuid-" + name, VmState.SHUT_OFF, "linux", true, ByteSize.ofGiB(1), 1,
                List.of(new VmDisk("vda", disk.path(), false, disk.encrypted(), true)), List.of());
    }

    /** Only list() is asked for. */
    private VirtualMachines virtualMachines() {
        return (VirtualMachines) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { VirtualMachines.class }, (proxy, method, args) -> {
            if (method.getName().equals("list")) {
                return List.copyOf(vms);
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }

    final class FakeStorage implements Storage {

        @Override
        public Volume create(String vmName, int index, DiskSpec disk) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] exportCopy(Volume volume, java.nio.file.Path target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Volume adopt(String vmName, int index, java.nio.file.Path source, byte[] key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(Volume volume) {
            calls.add("delete " + volume.path());
            volumes.remove(volume.path());
            unconfirmed.remove(volume);
        }

        @Override
        public void confirm(Volume volume) {
            calls.add("confirm " + volume.path());
            unconfirmed.remove(volume);
        }

        @Override
        public List<Volume> unconfirmed() {
            return List.copyOf(unconfirmed);
        }

        @Override
        public Optional<Volume> find(String path) {
            return Optional.ofNullable(volumes.get(path));
        }

        @Override
        public List<Volume> list() {
            return List.copyOf(volumes.values());
        }

        @Override
        public List<String> orphanKeys() {
            return List.of("uuid-gone", "uuid-keyonly"); // a key-only leftover's key has no disk either
        }

        @Override
        public void removeOrphanKeys() {
            calls.add("removeOrphanKeys");
        }
    }
}
