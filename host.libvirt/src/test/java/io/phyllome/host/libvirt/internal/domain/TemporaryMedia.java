package io.phyllome.host.libvirt.internal.domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Media files the profiles read from disk, in a temporary directory made before a test class's
 * first test and removed after its last, as a static {@code @TempDir} would be. A family's
 * fixture extends it so that each of the family's test classes gets the files with one
 * {@code @RegisterExtension} field instead of a copy of the set-up.
 */
abstract class TemporaryMedia implements BeforeAllCallback, AfterAllCallback {

    private Path directory;

    /** Writes the family's files into {@code directory}, which is empty. */
    abstract void write(Path directory) throws IOException;

    /** The directory of the media files. */
    final Path directory() {
        return directory;
    }

    @Override
    public final void beforeAll(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("phyllome-media-");
        write(directory);
    }

    @Override
    public final void afterAll(ExtensionContext context) throws IOException {
        List<Path> deepestFirst;
        try (Stream<Path> files = Files.walk(directory)) {
            deepestFirst = files.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path file : deepestFirst) {
            Files.delete(file);
        }
    }
}
