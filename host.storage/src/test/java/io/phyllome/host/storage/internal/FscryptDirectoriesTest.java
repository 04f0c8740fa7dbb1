package io.phyllome.host.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.phyllome.host.storage.ProtectedDirectory;
import io.phyllome.host.vm.VmException;

/**
 * fscrypt for real, on loop-mounted ext4 file systems made by the test (needs root, e2fsprogs and
 * the fscrypt package, as ./test provides).
 */
class FscryptDirectoriesTest {

    private static final byte[] PASSPHRASE = "correct horse battery".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    Path mount;

    @BeforeEach
    void mountExt4WithEncryption() throws Exception {
        assertEquals("root", System.getProperty("user.name"), "this test mounts file systems: run it as root (./test does)");
        mount = loopMount("encrypting", "-O", "encrypt");
    }

    @AfterEach
    void unmount() throws Exception {
        for (String m : List.of("encrypting", "plain")) {
            Path point = dir.resolve(m);
            if (Files.isDirectory(point)) {
                run("umount", point.toString());
            }
        }
    }

    @Test
    void protectsTheStateDirectoriesWithAPassphraseAndUnlocksThemAgain() throws Exception {
        FscryptDirectories encryption = new FscryptDirectories(mount.resolve("state"));
        assertTrue(encryption.status().stream().noneMatch(ProtectedDirectory::encrypted));
        assertTrue(encryption.status().stream().allMatch(d -> d.note().contains("host:protect")), encryption.status().toString());

        List<ProtectedDirectory> after = encryption.protect(PASSPHRASE);

        assertEquals(2, after.size());
        assertTrue(after.stream().allMatch(d -> d.encrypted() && d.unlocked() && d.note().isEmpty()), after.toString());
        String status = run("fscrypt", "status", mount.resolve("state/disks").toString());
        assertTrue(status.contains("AES_256_XTS") && status.contains("policy_version:2"), status);
        Files.writeString(mount.resolve("state/disks/probe"), "readable while unlocked");

        run("fscrypt", "lock", mount.resolve("state/disks").toString());
        assertFalse(encryption.status().get(0).unlocked());
        VmException wrong = assertThrows(VmException.class, () -> encryption.unlock("not the passphrase".getBytes(StandardCharsets.UTF_8)));
        assertFalse(wrong.getMessage().contains("not the passphrase"), "the passphrase is not in the error");

        encryption.unlock(PASSPHRASE);

        assertTrue(encryption.status().stream().allMatch(ProtectedDirectory::unlocked));
        assertEquals("readable while unlocked", Files.readString(mount.resolve("state/disks/probe")));
    }

    @Test
    void aDirectoryWithFilesIsNotProtected() throws IOException {
        Files.createDirectories(mount.resolve("state/disks"));
        Files.writeString(mount.resolve("state/disks/vm-0.qcow2"), "data");
        FscryptDirectories encryption = new FscryptDirectories(mount.resolve("state"));

        VmException e = assertThrows(VmException.class, () -> encryption.protect(PASSPHRASE));

        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertTrue(encryption.status().stream().noneMatch(ProtectedDirectory::encrypted), "nothing was half protected");
    }

    @Test
    void aFileSystemWithoutTheEncryptFeatureIsReportedNotBroken() throws Exception {
        Path plain = loopMount("plain");
        FscryptDirectories encryption = new FscryptDirectories(plain.resolve("state"));

        VmException e = assertThrows(VmException.class, () -> encryption.protect(PASSPHRASE));

        assertTrue(e.getMessage().contains("fscrypt could not"), e.getMessage());
        List<ProtectedDirectory> status = encryption.status();
        assertTrue(status.stream().noneMatch(ProtectedDirectory::encrypted));
        assertTrue(status.get(0).note().contains("encrypt"), status.get(0).note());
    }

    @Test
    void shortPassphrasesAreRefused() {
        FscryptDirectories encryption = new FscryptDirectories(mount.resolve("state"));
        assertThrows(VmException.class, () -> encryption.protect("short".getBytes(StandardCharsets.UTF_8)));
    }

    private Path loopMount(String name, String... mkfsOptions) throws Exception {
        Path image = dir.resolve(name + ".img");
        run("truncate", "-s", "64M", image.toString());
        List<String> mkfs = new java.util.ArrayList<>(List.of("mkfs.ext4", "-q"));
        mkfs.addAll(List.of(mkfsOptions));
        mkfs.add(image.toString());
        run(mkfs.toArray(String[]::new));
        Path point = Files.createDirectories(dir.resolve(name));
        run("mount", "-o", "loop", image.toString(), point.toString());
        return point;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
