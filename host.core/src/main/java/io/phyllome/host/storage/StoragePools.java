package io.phyllome.host.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The mechanism under {@link Storage}: pools, volumes and key secrets of the hypervisor.
 * Implemented by the hypervisor adapter; the policy (naming, encryption, keys) is the storage
 * bundle's.
 */
@ProviderType
public interface StoragePools {

    /** Makes sure a directory pool of that name exists at {@code directory} and is active. */
    void ensureDirectoryPool(String pool, Path directory);

    /**
     * Creates a qcow2 volume, LUKS-encrypted with the key in {@code secretUuid} when that is not
     * empty.
     */
    Volume createVolume(String pool, String name, long capacityBytes, String secretUuid);

    void deleteVolume(String pool, String name);

    List<Volume> volumes(String pool);

    /**
     * Stores a volume key as a private, persistent secret and returns its id. The key is given as
     * UTF-8 text bytes; the caller clears its array afterwards.
     */
    String defineVolumeSecret(String volumePath, byte[] key);

    /** Removes a secret; nothing happens when it does not exist. */
    void deleteSecret(String uuid);

    /** The secret of the volume at {@code volumePath}, if one exists. */
    Optional<String> volumeSecret(String volumePath);
}
