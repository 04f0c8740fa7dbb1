package io.phyllome.host.storage.internal;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DiskStore} with the real qemu-img and a secret store that remembers the keys it is given:
 * the set-up its tests share. Each subclass tests one of the store's jobs.
 */
abstract class DiskStoreTest {

    @TempDir
    Path dir;

    RecordingSecrets secrets;
    DiskStore store;
    Path pool;

    @BeforeEach
    void setUp() {
        pool = dir.resolve("disks");
        secrets = new RecordingSecrets();
        store = new DiskStore(secrets, new DirectoryPool(pool));
    }
}
