package io.phyllome.host.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A directory that holds what is as sensitive as a disk key (disks, firmware variables, TPM
 * state), and whether the file system encrypts it.
 *
 * @param path      the directory
 * @param encrypted whether an encryption policy protects it
 * @param unlocked  whether its files can be read now (only meaningful when encrypted)
 * @param note      why it is not protected and how to get there, or an empty string
 */
public record ProtectedDirectory(Path path, boolean encrypted, boolean unlocked, String note) {

    public ProtectedDirectory {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(note, "note");
    }
}
