package io.phyllome.host.vm;

import java.util.Objects;

/**
 * A new disk for a VM: its size and whether it is encrypted at rest (the default).
 */
public record DiskSpec(ByteSize size, boolean encrypted) {

    public DiskSpec {
        Objects.requireNonNull(size, "size");
    }

    /** An encrypted disk of the given size: what the platform creates unless told otherwise. */
    public static DiskSpec of(ByteSize size) {
        return new DiskSpec(size, true);
    }
}
