package io.phyllome.host.storage;

import java.nio.file.Path;
import java.util.Objects;

import io.phyllome.host.vm.ByteSize;

/**
 * An install or driver image in the media library.
 *
 * @param name   its name in the library, e.g. {@code virtio-win.iso}
 * @param path   the file
 * @param size   its size
 * @param sha256 its SHA-256, verified when it was imported
 */
public record MediaFile(String name, Path path, ByteSize size, String sha256) {

    public MediaFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(sha256, "sha256");
    }
}
