package io.phyllome.host.hypervisor;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The hypervisor's store of disk keys. Keys go in and never come out: the hypervisor hands them
 * to QEMU itself. Implemented by the hypervisor adapter.
 */
@ProviderType
public interface Secrets {

    /**
     * Stores the key of the volume at {@code volumePath} as a private, persistent secret and
     * returns its id. The key is UTF-8 text; the caller clears its array afterwards.
     */
    String defineVolumeKey(String volumePath, byte[] key);

    /** The id of the secret of the volume at {@code volumePath}, if there is one. */
    Optional<String> findVolumeKey(String volumePath);

    /** The ids of all volume keys, by the path of their volume. */
    Map<String, String> volumeKeys();

    /** Removes a secret; nothing happens when it does not exist. */
    void delete(String uuid);

    /**
     * Replaces the key of a LUKS image that is a copy of a volume whose key is the secret
     * {@code secretUuid}: the image then opens with {@code newKey} only. The hypervisor does it
     * itself, so the stored key never leaves it. The caller clears {@code newKey} afterwards.
     *
     * @param image a copy in the platform's pool, used by no VM
     */
    void rekey(Path image, String secretUuid, byte[] newKey);
}
