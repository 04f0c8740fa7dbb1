package io.phyllome.host.device;

import java.nio.file.Path;
import java.util.Objects;

/** A read-only medium a profile attaches besides the user's disks, e.g. a driver ISO. */
public record Medium(Path path, DiskBus bus, boolean cdrom) {

    public Medium {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bus, "bus");
    }
}
