package io.phyllome.host.core.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes a package directory's contents: what a failed export wrote, or a move's temporary package. */
final class Trees {

    private Trees() {
    }

    /** Deletes everything below {@code dir}, and {@code dir} itself unless {@code keepRoot}. */
    static void delete(Path dir, boolean keepRoot) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!(keepRoot && p.equals(dir))) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
