package io.phyllome.host.core.transfer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.phyllome.host.vm.VmException;

class ManifestTest {

    @TempDir
    Path pkg;

    @BeforeEach
    void aPackage() throws IOException {
        Files.createDirectories(pkg.resolve("disks"));
        Files.writeString(pkg.resolve("vm.properties"), "name=web1\n");
        Files.write(pkg.resolve("disks/disk-0.qcow2"), new byte[4096]);
    }

    @Test
    void listsEveryFileWithTheChecksumSha256sumComputes() throws IOException, InterruptedException {
        assertEquals(List.of("disks/disk-0.qcow2", "vm.properties"), Manifest.write(pkg));

        Process check = new ProcessBuilder("sha256sum", "-c", "--quiet", Manifest.FILE).directory(pkg.toFile()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertEquals(0, check.waitFor(), output);
        assertDoesNotThrow(() -> Manifest.verify(pkg));
    }

    @Test
    void aChangedFileIsNamed() throws IOException {
        Manifest.write(pkg);
        Files.writeString(pkg.resolve("vm.properties"), "name=web2\n");

        VmException e = assertThrows(VmException.class, () -> Manifest.verify(pkg));
        assertTrue(e.getMessage().contains("vm.properties does not match its SHA-256"), e.getMessage());
    }

    @Test
    void aMissingOrAddedFileIsNamed() throws IOException {
        Manifest.write(pkg);
        Files.writeString(pkg.resolve("disks/disk-1.qcow2"), "x");
        assertTrue(assertThrows(VmException.class, () -> Manifest.verify(pkg)).getMessage().contains("disk-1.qcow2 is not in its manifest"));

        Files.delete(pkg.resolve("disks/disk-1.qcow2"));
        Files.delete(pkg.resolve("disks/disk-0.qcow2"));
        assertTrue(assertThrows(VmException.class, () -> Manifest.verify(pkg)).getMessage().contains("disk-0.qcow2 is missing"));
    }

    @Test
    void aDirectoryWithoutManifestIsNoPackage() {
        assertTrue(assertThrows(VmException.class, () -> Manifest.verify(pkg)).getMessage().contains("is not a VM package"));
    }

    @Test
    void aLinkInThePackageIsRefused() throws IOException {
        Manifest.write(pkg);
        Files.delete(pkg.resolve("disks/disk-0.qcow2"));
        Files.createSymbolicLink(pkg.resolve("disks/disk-0.qcow2"), Path.of("/etc/hostname"));

        assertTrue(assertThrows(VmException.class, () -> Manifest.verify(pkg)).getMessage().contains("not a plain file"));
    }
}
