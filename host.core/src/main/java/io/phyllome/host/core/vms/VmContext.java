package io.phyllome.host.core.vms;

import java.nio.file.Path;
import java.util.Optional;

import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.storage.MediaFile;
import io.phyllome.host.storage.MediaLibrary;
import io.phyllome.host.vm.VmSpec;

/** What a profile sees of one creation. */
record VmContext(VmSpec spec, HostCapabilities host, MediaLibrary library) implements ProfileContext {

    @Override
    public Optional<Path> media(String name) {
        return library.find(name).map(MediaFile::path);
    }
}
