package io.phyllome.host.core.vms;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

import io.phyllome.host.storage.MediaFile;
import io.phyllome.host.storage.MediaLibrary;

/** A media library that holds nothing. */
final class EmptyMediaLibrary implements MediaLibrary {
    @Override
    public MediaFile importFile(Path source, String sha256, String name, IntConsumer progress) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<MediaFile> list() {
        return List.of();
    }

    @Override
    public Optional<MediaFile> find(String name) {
        return Optional.empty();
    }

    @Override
    public void remove(String name) {
        throw new UnsupportedOperationException();
    }
}
