package io.phyllome.host.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmException;

/**
 * Creating and deleting disks: an encrypted disk's key is only a secret, never in the image, the
 * logs or an error, and goes with its disk.
 */
class DiskStoreCreationTest extends DiskStoreTest {

    @Test
    void anEncryptedDiskIsLuksWithAFreshTextKeyKeptOnlyAsASecret() throws Exception {
        Volume volume = store.create("vm1", 0, DiskSpec.of(ByteSize.ofMiB(8)));
        Volume other = store.create("vm2", 0, DiskSpec.of(ByteSize.ofMiB(8)));

        assertTrue(volume.encrypted());
        JsonNode info = qemuImgInfo(Path.of(volume.path()));
        assertTrue(info.path("encrypted").asBoolean(), info.toString());
        assertEquals("luks", info.at("/format-specific/data/encrypt/format").asText(), info.toString());
        String key = secrets.values.get(volume.secretUuid());
        assertEquals(44, key.length(), "256 bits in Base64");
        assertFalse(key.equals(secrets.values.get(other.secretUuid())), "every disk has its own key");
        assertFalse(contains(Path.of(volume.path()), key), "the key is not in the image");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(volume.path()))));
    }

    @Test
    void anOptedOutDiskHasNoKey() throws Exception {
        Volume volume = store.create("vm1", 0, new DiskSpec(ByteSize.ofMiB(8), false));

        assertFalse(volume.encrypted());
        assertTrue(secrets.values.isEmpty());
        JsonNode info = qemuImgInfo(Path.of(volume.path()));
        assertFalse(info.path("encrypted").asBoolean(), info.toString());
        assertTrue(info.at("/format-specific/data/encrypt").isMissingNode(), info.toString());
    }

    @Test
    void aFailedCreationLeavesNoFileNoSecretAndNeverShowsTheKey() {
        secrets.blockTarget = true; // qemu-img then finds a directory where its file should go
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        VmException e;
        try {
            e = assertThrows(VmException.class, () -> store.create("vm1", 0, DiskSpec.of(ByteSize.ofMiB(8))));
        } finally {
            System.setErr(stderr);
        }

        String key = secrets.given.get(0);
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertTrue(e.getMessage().contains("qemu-img"), e.getMessage());
        assertFalse(trace.toString().contains(key), "the key is in the exception:\n" + trace);
        assertFalse(err.toString(StandardCharsets.UTF_8).contains(key), "the key was printed");
        assertTrue(secrets.values.isEmpty(), "the secret was removed");
        assertFalse(Files.exists(CreationRecords.of(pool.resolve("vm1-0.qcow2"))), "the creation record was removed");
        assertFalse(Files.exists(pool.resolve("vm1-0.qcow2")) && Files.isRegularFile(pool.resolve("vm1-0.qcow2")));
    }

    @Test
    void deletingADiskRemovesItsKeyAndRefusesFilesOutsideThePool() throws IOException {
        Volume volume = store.create("vm1", 0, DiskSpec.of(ByteSize.ofMiB(8)));
        store.delete(store.find(volume.path()).orElseThrow());

        assertFalse(Files.exists(Path.of(volume.path())));
        assertTrue(secrets.values.isEmpty());
        Path outside = Files.createFile(dir.resolve("user.qcow2"));
        assertThrows(VmException.class, () -> store.delete(new Volume("disks", "user.qcow2", outside.toString(), new ByteSize(0),
                new ByteSize(0), "")));
        assertTrue(Files.exists(outside));
    }

    /** qemu-img's own report, read independently of the code under test. */
    private static JsonNode qemuImgInfo(Path image) throws Exception {
        Process p = new ProcessBuilder("qemu-img", "info", "--output=json", "-U", image.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(out);
    }

    private static boolean contains(Path file, String text) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
    }
}
