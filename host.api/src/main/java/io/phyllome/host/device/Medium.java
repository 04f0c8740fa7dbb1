package io.phyllome.host.device;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A medium a profile attaches besides the user's disks, e.g. a driver ISO or a boot loader image.
 * The file is never changed by the guest: a CD-ROM and a disk are read-only, unless
 * {@code discardWrites} lets the guest write to a disk whose writes are thrown away when the VM
 * stops (for buses that cannot present a read-only disk, such as SATA).
 *
 * @param path          the image file on the host
 * @param bus           how the guest sees it
 * @param cdrom         a CD-ROM drive rather than a disk
 * @param format        the image's format
 * @param bootOrder     0 when the VM does not boot from it; otherwise its place among the media
 *                      that boot, which boot before the install medium and the system disk
 * @param discardWrites the guest may write to the disk, and its writes are discarded when the VM
 *                      stops; never for a CD-ROM
 */
public record Medium(Path path, DiskBus bus, boolean cdrom, ImageFormat format, int bootOrder, boolean discardWrites) {

    public Medium {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(format, "format");
        if (bootOrder < 0) {
            throw new IllegalArgumentException("bootOrder must be 0 (no boot) or positive: " + bootOrder);
        }
        if (cdrom && discardWrites) {
            throw new IllegalArgumentException("a CD-ROM is read-only: it has no writes to discard");
        }
    }

    /** A read-only raw medium that the VM does not boot from, e.g. a driver ISO. */
    public Medium(Path path, DiskBus bus, boolean cdrom) {
        this(path, bus, cdrom, ImageFormat.RAW, 0, false);
    }
}
