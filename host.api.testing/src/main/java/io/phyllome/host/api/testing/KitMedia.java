package io.phyllome.host.api.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

import io.phyllome.host.storage.MediaFile;
import io.phyllome.host.storage.MediaLibrary;
import io.phyllome.host.vm.ByteSize;

/** A synthetic host's media library: the files the kit made for it, found by name; nothing is imported or removed in a test. */
record KitMedia(List<Path> files) implements MediaLibrary {

    @Override
    public Optional<MediaFile> find(String name) {
        return list().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    @Override
    public List<MediaFile> list() {
        return files.stream().map(f -> new MediaFile(f.getFileName().toString(), f, new ByteSize(0), "")).toList();
    }

    @Override
    public MediaFile importFile(Path source, String sha256, String name, IntConsumer progress) {
        throw new UnsupportedOperationException("the kit's media library is given by SyntheticHost.media(...)");
    }

    @Override
    public void remove(String name) {
        throw new UnsupportedOperationException("the kit's media library is given by SyntheticHost.media(...)");
    }
}
