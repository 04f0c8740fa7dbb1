package io.phyllome.host.storage.internal;

import java.nio.file.Path;

import io.phyllome.host.hypervisor.DiskPool;

/** A disk pool that is only a directory, as with libvirt's embedded driver. */
record DirectoryPool(Path directory) implements DiskPool {
    @Override
    public String name() {
        return "";
    }

    @Override
    public void refresh() {
    }
}
