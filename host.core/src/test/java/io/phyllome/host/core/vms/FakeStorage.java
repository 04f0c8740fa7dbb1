package io.phyllome.host.core.vms;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.phyllome.host.storage.Storage;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmException;

/**
 * A disk store that keeps its volumes in memory under /pool and writes every call to the test's
 * journal, e.g. "storage.create vm1#0 25G encrypted"; each failure a test needs is a field to set.
 */
final class FakeStorage implements Storage {
    private final List<String> journal;
    final List<Volume> created = new ArrayList<>();
    final Map<String, Volume> volumes = new LinkedHashMap<>();
    int failAtIndex = -1;
    String failDeleteOf;

    FakeStorage(List<String> journal) {
        this.journal = journal;
    }

    @Override
    public Volume create(String vmName, int index, DiskSpec disk) {
        journal.add("storage.create " + vmName + "#" + index + " " + disk.size() + (disk.encrypted() ? " encrypted" : " plain"));
        if (index == failAtIndex) {
            throw new VmException("cannot create disk " + index + " of " + vmName + ": disk full");
        }
        String name = vmName + "-" + index + ".qcow2";
        Volume volume = new Volume("pool", name, "/pool/" + name, disk.size(), new ByteSize(0),
                disk.encrypted() ? "secret-" + vmName + "-" + index : "");
        created.add(volume);
        volumes.put(volume.path(), volume);
        return volume;
    }

    @Override
    public void delete(Volume volume) {
        journal.add("storage.delete " + volume.path());
        if (volume.path().equals(failDeleteOf)) {
            throw new VmException("cannot delete " + volume.path() + ": busy");
        }
        assertNotNull(volumes.remove(volume.path()), "deleting a volume that does not exist: " + volume.path());
    }

    @Override
    public Optional<Volume> find(String path) {
        journal.add("storage.find " + path);
        return Optional.ofNullable(volumes.get(path));
    }

    @Override
    public List<Volume> list() {
        journal.add("storage.list");
        return List.copyOf(volumes.values());
    }

    @Override
    public void confirm(Volume volume) {
        journal.add("storage.confirm " + volume.path());
    }

    @Override
    public List<Volume> unconfirmed() {
        return List.of();
    }

    @Override
    public List<String> orphanKeys() {
        return List.of();
    }

    @Override
    public void removeOrphanKeys() {
        journal.add("storage.removeOrphanKeys");
    }

    @Override
    public byte[] exportCopy(Volume volume, Path target) {
        throw new UnsupportedOperationException("packages are tested end to end (VmPackageE2EIT)");
    }

    @Override
    public Volume adopt(String vmName, int index, Path source, byte[] key) {
        throw new UnsupportedOperationException("packages are tested end to end (VmPackageE2EIT)");
    }
}
