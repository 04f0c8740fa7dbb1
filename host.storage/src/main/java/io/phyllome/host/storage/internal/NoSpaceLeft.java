package io.phyllome.host.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.phyllome.host.vm.VmException;

/** A full file system under the disk pool, said as the problem and its fix rather than as qemu-img's or Java's words. */
final class NoSpaceLeft {

    private NoSpaceLeft() {
    }

    /** {@code failure} as the platform's error: a clear one for a full file system, else itself (wrapped when not a VmException). */
    static VmException of(Exception failure, Path file, String action) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("No space left on device")) {
                return new VmException("no space left on the file system of " + file.getParent() + " (" + free(file.getParent())
                        + " free) to " + action + " " + file.getFileName() + ": free space there (disk:list, disk:delete) or keep the"
                        + " disks on a larger file system (pool= in io.phyllome.host.libvirt.cfg); nothing was left behind", failure);
            }
        }
        return failure instanceof VmException v ? v : new VmException("cannot " + action + " " + file + ": " + failure.getMessage(), failure);
    }

    private static String free(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace() / 1024 + " KiB";
        } catch (IOException e) {
            return "no space";
        }
    }
}
