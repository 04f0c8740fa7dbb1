package io.phyllome.host.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Install media and driver or boot images (ISO, qcow2) that VMs attach read-only. Profiles find
 * their media here by name (e.g. {@code virtio-win.iso}).
 */
@ProviderType
public interface MediaLibrary {

    /**
     * Copies a file into the library and verifies it against the SHA-256 its publisher gives.
     * A file whose checksum differs is not kept.
     *
     * @param name     the name in the library; the file's own name when empty
     * @param progress told the percentage copied, now and then
     */
    MediaFile importFile(Path source, String sha256, String name, IntConsumer progress);

    List<MediaFile> list();

    Optional<MediaFile> find(String name);

    void remove(String name);
}
