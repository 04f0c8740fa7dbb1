package io.phyllome.distro.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small ext4 file system in a file, loop-mounted, to fill up on purpose: {@code truncate},
 * {@code mkfs.ext4}, {@code mount -o loop}. {@link #close()} unmounts it and removes the file, also
 * after a failed test.
 */
final class LoopFileSystem implements AutoCloseable {

    private final Path image;
    private final Path mountPoint;
    private boolean mounted;

    private LoopFileSystem(Path image, Path mountPoint) {
        this.image = image;
        this.mountPoint = mountPoint;
    }

    /** Makes and mounts a file system of {@code mib} MiB at {@code mountPoint} (created, searchable by QEMU). */
    static LoopFileSystem mount(Path mountPoint, int mib) {
        LoopFileSystem fs = new LoopFileSystem(mountPoint.resolveSibling(mountPoint.getFileName() + ".ext4"), mountPoint);
        Host.run("truncate", "-s", mib + "M", fs.image.toString());
        Host.run("mkfs.ext4", "-q", "-F", fs.image.toString());
        TestPlatform.createSearchable(mountPoint);
        Host.run("mount", "-o", "loop", fs.image.toString(), mountPoint.toString());
        fs.mounted = true;
        Host.run("chmod", "755", mountPoint.toString());
        return fs;
    }

    Path path() {
        return mountPoint;
    }

    /** Fills the file system until only about {@code leftKiB} KiB are free, with one file the test owns. */
    void fillLeaving(long leftKiB) {
        try {
            long free = Files.getFileStore(mountPoint).getUsableSpace() / 1024;
            Host.run("fallocate", "-l", Math.max(0, free - leftKiB) + "K", mountPoint.resolve("filler").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entries of the file system's root other than ext4's own and the filler. */
    java.util.List<String> written() {
        return Host.tree(mountPoint).stream().filter(p -> !p.equals("filler") && !p.startsWith("lost+found")).toList();
    }

    @Override
    public void close() {
        if (mounted) {
            Host.quietly("umount", "-l", mountPoint.toString());
            mounted = false;
        }
        Host.quietly("rm", "-f", image.toString());
    }
}
