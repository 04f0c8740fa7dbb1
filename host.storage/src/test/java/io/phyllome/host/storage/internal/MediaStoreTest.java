package io.phyllome.host.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.phyllome.host.storage.MediaFile;
import io.phyllome.host.vm.VmException;

class MediaStoreTest {

    @TempDir
    Path dir;

    Path library;
    MediaStore store;
    Path iso;
    String sha256;

    @BeforeEach
    void setUp() throws IOException, NoSuchAlgorithmException {
        library = dir.resolve("media");
        store = new MediaStore(library);
        byte[] bytes = new byte[3 * (1 << 20) + 17];
        new Random(7).nextBytes(bytes);
        iso = Files.write(dir.resolve("drivers.iso"), bytes);
        sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void importsAVerifiedCopyAndReportsProgress() throws IOException {
        List<Integer> progress = new ArrayList<>();
        MediaFile medium = store.importFile(iso, sha256.toUpperCase(), "virtio-win.iso", progress::add);

        assertEquals("virtio-win.iso", medium.name());
        assertEquals(sha256, medium.sha256());
        assertEquals(Files.size(iso), medium.size().bytes());
        assertEquals(-1, Files.mismatch(iso, medium.path()), "the copy is identical");
        assertEquals(100, progress.get(progress.size() - 1));
        assertEquals(List.of(medium), store.list());
        assertEquals(medium, store.find("virtio-win.iso").orElseThrow());
    }

    @Test
    void aWrongChecksumKeepsNothing() throws IOException {
        String wrong = "0".repeat(64);
        VmException e = assertThrows(VmException.class, () -> store.importFile(iso, wrong, "", p -> { }));

        assertTrue(e.getMessage().contains(sha256) && e.getMessage().contains(wrong) && e.getMessage().contains("nothing was imported"),
                e.getMessage());
        try (var files = Files.list(library)) {
            assertEquals(List.of(), files.toList(), "no file, partial copy or checksum left");
        }
        assertTrue(store.list().isEmpty());
    }

    @Test
    void refusesBadChecksumsNamesAndDuplicates() {
        assertThrows(VmException.class, () -> store.importFile(iso, "abc", "", p -> { }));
        assertThrows(VmException.class, () -> store.importFile(iso, sha256, "../escape.iso", p -> { }));
        assertThrows(VmException.class, () -> store.importFile(dir.resolve("missing.iso"), sha256, "", p -> { }));
        store.importFile(iso, sha256, "", p -> { });
        VmException duplicate = assertThrows(VmException.class, () -> store.importFile(iso, sha256, "", p -> { }));
        assertTrue(duplicate.getMessage().contains("already holds drivers.iso"), duplicate.getMessage());
    }

    @Test
    void removeDeletesTheFileAndItsChecksum() {
        MediaFile medium = store.importFile(iso, sha256, "", p -> { });

        store.remove(medium.name());

        assertFalse(Files.exists(medium.path()));
        assertTrue(store.list().isEmpty());
        assertThrows(VmException.class, () -> store.remove(medium.name()));
    }
}
