package io.phyllome.host.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.phyllome.host.vm.DiskSpec;

/** The disks the platform creates for VMs: encrypted at rest unless the user opts out. */
@ProviderType
public interface Storage {

    /**
     * Creates the {@code index}th disk of a VM, with a fresh key when encrypted.
     * On failure nothing is left (no volume, no secret). The volume stays {@linkplain #unconfirmed()
     * unconfirmed} until {@link #confirm(Volume)}: a crash before that leaves it recognisable.
     */
    Volume create(String vmName, int index, DiskSpec disk);

    /**
     * A VM's definition now refers to the volume: its creation is complete, and a crash can no
     * longer orphan it. Never fails; nothing happens for a volume already confirmed.
     *
     */
    void confirm(Volume volume);

    /**
     * The volume is about to be deleted with its VM, whose definition goes first: from here until
     * {@link #delete(Volume)} completes, a crash leaves it {@linkplain #unconfirmed() unconfirmed},
     * so that it is repaired rather than taken for a disk kept on purpose. {@link #confirm(Volume)}
     * takes the mark back when the VM stays after all.
     *
     */
    default void beginDelete(Volume volume) {
    }

    /**
     * Volumes whose creation began in a platform process that ended before {@link #confirm(Volume)}
     * (a crash between a disk and the definition of its VM), with their keys. A volume whose file
     * never came to be has capacity 0 and may still have a key. Creations still running in a live
     * process are not included.
     *
     */
    List<Volume> unconfirmed();

    /** Deletes a volume the platform created, and its key (also one whose file is missing). */
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

    /**
     * Copies a volume to {@code target} for a move to another host. An encrypted volume's copy
     * gets a LUKS key slot of its own (a fresh key, the volume's erased), which is returned (UTF-8; the caller clears it); the volume
     * itself is not changed. An unencrypted volume is copied as it is and an empty key returned.
     */
    byte[] exportCopy(Volume volume, Path target);

    /**
     * Takes a disk that {@link #exportCopy} wrote on some host into the pool as the
     * {@code index}th disk of VM {@code vmName}, storing its key; the source is not changed. On
     * failure nothing is left.
     *
     * @param key the disk's key, empty for an unencrypted disk; the caller clears it
     */
    Volume adopt(String vmName, int index, Path source, byte[] key);
}
