package io.phyllome.host.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedRunDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingDirectoryIsMadeAsLibvirtdMakesIt() throws IOException {
        Path dir = tmp.resolve("run/libvirt");
        SharedRunDirectory.prepare(dir);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void aDirectoryOthersCannotTraverseIsOpened() throws IOException {
        Path dir = directory("rwx------");
        SharedRunDirectory.prepare(dir);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void aTraversableDirectoryKeepsItsMode() throws IOException {
        Path dir = directory("rwxrwxr-x");
        SharedRunDirectory.prepare(dir);
        assertEquals("rwxrwxr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    /** A directory with exactly {@code mode} (creating with a mode is subject to the umask). */
    private Path directory(String mode) throws IOException {
        return Files.setPosixFilePermissions(Files.createDirectory(tmp.resolve("libvirt")), PosixFilePermissions.fromString(mode));
    }
}
