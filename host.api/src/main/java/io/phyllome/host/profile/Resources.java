package io.phyllome.host.profile;

import java.util.Objects;

import io.phyllome.host.vm.ByteSize;

/** Memory, CPUs and system-disk size, as a minimum or a recommendation. */
public record Resources(ByteSize memory, int cpus, ByteSize disk) {

    public Resources {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(disk, "disk");
        if (cpus < 1) {
            throw new IllegalArgumentException("cpus must be at least 1");
        }
    }
}
