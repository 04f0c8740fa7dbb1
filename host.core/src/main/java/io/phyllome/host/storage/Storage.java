package io.phyllome.host.storage;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.phyllome.host.vm.DiskSpec;

/** The disks the platform creates for VMs: encrypted at rest unless the user opts out. */
@ProviderType
public interface Storage {

    /**
     * Creates the {@code index}th disk of a VM, with a fresh key when encrypted.
     * On failure nothing is left (no volume, no secret).
     */
    Volume create(String vmName, int index, DiskSpec disk);

    /** Deletes a volume the platform created, and its key. */
    void delete(Volume volume);

    /** The volume at a host path, if the platform manages it. */
    Optional<Volume> find(String path);

    /** The volumes the platform manages. */
    List<Volume> list();

    /**
     * Keys the platform stored for volumes of its pool that no longer exist (left by a crash
     * between a disk's key and its file).
     *
     * @return the ids of those keys
     */
    List<String> orphanKeys();

    /** Removes the keys {@link #orphanKeys()} reports. */
    void removeOrphanKeys();
}
