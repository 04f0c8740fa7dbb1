package io.phyllome.host.core.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A full file system under a package, said as the problem and its fix. */
final class NoSpace {

    private NoSpace() {
    }

    /** Whether {@code failure} (or what caused it) is a full file system. */
    static boolean full(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }

    /** The one-line error for a package {@code dir} whose file system filled up. */
    static String explain(Path dir) {
        return "no space left on the file system of " + dir + " (" + free(dir) + " free after removing the half-written package):"
                + " free space there or export to a directory with room for the VM's disks";
    }

    private static String free(Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? "?" : Files.getFileStore(existing).getUsableSpace() / 1024 + " KiB";
        } catch (IOException e) {
            return "?";
        }
    }
}
