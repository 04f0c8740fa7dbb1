package io.phyllome.host.storage;

import java.util.Objects;

import io.phyllome.host.vm.ByteSize;

/**
 * A disk image in a storage pool.
 *
 * @param pool       the pool (directory) holding it
 * @param name       the volume's name in the pool
 * @param path       the file (or device) on the host
 * @param capacity   the size the guest sees
 * @param allocation the space used on the host
 * @param secretUuid the id of the secret holding its encryption key, or an empty string when the
 *                   volume is not encrypted (the key itself never leaves the secret store)
 */
public record Volume(String pool, String name, String path, ByteSize capacity, ByteSize allocation, String secretUuid) {

    public Volume {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(secretUuid, "secretUuid");
    }

    public boolean encrypted() {
        return !secretUuid.isEmpty();
    }
}
