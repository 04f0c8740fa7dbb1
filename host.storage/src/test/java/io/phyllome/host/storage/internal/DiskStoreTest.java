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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.phyllome.host.hypervisor.DiskPool;
import io.phyllome.host.hypervisor.Secrets;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmException;

/** DiskStore with the real qemu-img and a secret store that remembers the keys it is given. */
class DiskStoreTest {

    @TempDir
    Path dir;

    RecordingSecrets secrets;
    DiskStore store;
    Path pool;

    @BeforeEach
    void setUp() {
        pool = dir.resolve("disks");
        secrets = new RecordingSecrets();
        store = new DiskStore(secrets, new Directory(pool));
    }

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
    void anExportedCopyOpensWithItsOwnKeyOnlyAndIsAdoptedWithIt() throws Exception {
        Volume volume = store.create("vm1", 0, DiskSpec.of(ByteSize.ofMiB(8)));
        String original = secrets.values.get(volume.secretUuid());
        Path copy = dir.resolve("disk-0.qcow2");

        byte[] key = store.exportCopy(volume, copy);

        assertEquals(44, key.length);
        QemuImg.checkKey(copy, key);
        assertThrows(VmException.class, () -> QemuImg.checkKey(copy, original.getBytes(StandardCharsets.UTF_8)), "the old key is erased from the copy");
        QemuImg.checkKey(Path.of(volume.path()), original.getBytes(StandardCharsets.UTF_8)); // the disk itself is unchanged
        assertEquals(List.of(), Files.list(pool).map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".part")).toList(),
                "no temporary copy left");

        Volume adopted = store.adopt("moved", 0, copy, key);
        assertTrue(adopted.encrypted());
        assertEquals(new String(key, StandardCharsets.UTF_8), secrets.values.get(adopted.secretUuid()));
        assertEquals(ByteSize.ofMiB(8), adopted.capacity());
    }

    @Test
    void aDiskWhoseKeyDoesNotOpenItIsNotAdopted() {
        Volume volume = store.create("vm1", 0, DiskSpec.of(ByteSize.ofMiB(8)));
        Path copy = dir.resolve("disk-0.qcow2");
        store.exportCopy(volume, copy);
        int keys = secrets.volumeKeys().size();

        byte[] wrong = "bm90IHRoZSBrZXkgb2YgdGhpcyBkaXNrIGF0IGFsbCE=".getBytes(StandardCharsets.UTF_8);
        VmException e = assertThrows(VmException.class, () -> store.adopt("moved", 0, copy, wrong));

        assertFalse(e.getMessage().contains(new String(wrong, StandardCharsets.UTF_8)), e.getMessage());
        assertFalse(Files.exists(pool.resolve("moved-0.qcow2")), "nothing left in the pool");
        assertEquals(keys, secrets.volumeKeys().size(), "no key stored");
    }

    @Test
    void aDiskThatRefersToAnotherFileIsNotAdopted() throws Exception {
        Path base = dir.resolve("base.qcow2");
        Path overlay = dir.resolve("overlay.qcow2");
        QemuImg.create(base, ByteSize.ofMiB(8));
        Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", "-b", base.toString(), "-F", "qcow2", overlay.toString())
                .redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

        VmException e = assertThrows(VmException.class, () -> store.adopt("moved", 0, overlay, new byte[0]));

        assertTrue(e.getMessage().contains("refers to another file"), e.getMessage());
        assertFalse(Files.exists(pool.resolve("moved-0.qcow2")));
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
    void keysWhoseDiskIsGoneAreReportedAndCleanedOnRequest() {
        Volume kept = store.create("vm1", 0, DiskSpec.of(ByteSize.ofMiB(8)));
        String orphan = secrets.defineVolumeKey(pool.resolve("crashed-0.qcow2").toString(), "x".getBytes(StandardCharsets.UTF_8));
        secrets.defineVolumeKey("/elsewhere/not-ours.qcow2", "y".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of(orphan), store.orphanKeys());
        store.removeOrphanKeys();

        assertEquals(List.of(), store.orphanKeys());
        assertTrue(secrets.values.containsKey(kept.secretUuid()), "the key of an existing disk stays");
        assertEquals(2, secrets.values.size(), "a key outside the pool is not the platform's to remove");
    }

    @Test
    void aCreationStaysRecordedUntilConfirmedAndOnlyADeadCreatorsRecordIsALeftover() throws IOException {
        Volume crashed = store.create("vm1", 0, DiskSpec.of(ByteSize.ofMiB(8)));
        Volume kept = store.create("vm2", 0, DiskSpec.of(ByteSize.ofMiB(8)));
        Path record = CreationRecords.of(Path.of(crashed.path()));
        assertTrue(Files.exists(record), "recorded before it is confirmed");
        assertEquals(List.of(), store.unconfirmed(), "a creation of a running process is no leftover");
        store.confirm(kept);
        assertFalse(Files.exists(CreationRecords.of(Path.of(kept.path()))));

        Files.writeString(record, "999999999 0\n"); // as if its process had died
        Path keyOnly = pool.resolve("vm3-0.qcow2"); // died between the key and qemu-img
        String keyOnlyUuid = secrets.defineVolumeKey(keyOnly.toString(), "x".getBytes(StandardCharsets.UTF_8));
        Files.writeString(CreationRecords.of(keyOnly), "");

        List<Volume> leftovers = store.unconfirmed();
        assertEquals(List.of(crashed.path(), keyOnly.toString()), leftovers.stream().map(Volume::path).toList());
        assertEquals(crashed.secretUuid(), leftovers.get(0).secretUuid());
        assertEquals(ByteSize.ofMiB(8), leftovers.get(0).capacity());
        assertEquals(keyOnlyUuid, leftovers.get(1).secretUuid());
        VmException again = assertThrows(VmException.class, () -> store.create("vm1", 0, DiskSpec.of(ByteSize.ofMiB(8))));
        assertTrue(again.getMessage().contains("disk:orphans --clean"), again.getMessage());

        Files.writeString(record, "999999999 0 another-host 00000000-0000-0000-0000-000000000000\n"); // a host sharing the pool
        assertEquals(List.of(keyOnly.toString()), store.unconfirmed().stream().map(Volume::path).toList(), "another host's creation is not ours");
        Files.writeString(record, "999999999 0\n");

        leftovers.forEach(store::delete);
        assertEquals(List.of(), store.unconfirmed());
        assertFalse(Files.exists(Path.of(crashed.path())) || Files.exists(record));
        assertEquals(List.of(kept.secretUuid()), List.copyOf(secrets.values.keySet()), "only the confirmed disk's key remains");
        assertTrue(Files.exists(Path.of(kept.path())));
    }

    @Test
    void aCreationNeverTouchesAnotherProcesssDiskRecordOrKey() throws IOException {
        Files.createDirectories(pool);
        Path kept = Files.writeString(pool.resolve("vm1-0.qcow2"), "a user's data");
        VmException exists = assertThrows(VmException.class, () -> store.create("vm1", 0, DiskSpec.of(ByteSize.ofMiB(8))));
        assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
        assertEquals("a user's data", Files.readString(kept));
        assertFalse(Files.exists(CreationRecords.of(kept)), "the record it made for the attempt went");

        Path creating = pool.resolve("vm2-0.qcow2"); // another process began it and stored its key; no file yet
        String owner = ProcessHandle.current().pid() + " 0\n";
        Files.writeString(CreationRecords.of(creating), owner);
        String key = secrets.defineVolumeKey(creating.toString(), "x".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), store.orphanKeys(), "the key of a disk being created is no orphan");
        VmException busy = assertThrows(VmException.class, () -> store.create("vm2", 0, DiskSpec.of(ByteSize.ofMiB(8))));
        assertTrue(busy.getMessage().contains("being created by another platform process"), busy.getMessage());
        assertEquals(owner, Files.readString(CreationRecords.of(creating)), "the other process's record is not overwritten");
        assertEquals(List.of(key), List.copyOf(secrets.values.keySet()), "and its key stays");
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

    /** A disk pool that is only a directory, as with libvirt's embedded driver. */
    record Directory(Path directory) implements DiskPool {
        @Override
        public String name() {
            return "";
        }

        @Override
        public void refresh() {
        }
    }

    /** Keeps secrets in memory, remembering every key it was given. */
    static final class RecordingSecrets implements Secrets {
        final Map<String, String> values = new HashMap<>();
        final Map<String, String> paths = new HashMap<>();
        final List<String> given = new java.util.ArrayList<>();
        boolean blockTarget;
        int next;

        @Override
        public String defineVolumeKey(String volumePath, byte[] key) {
            String uuid = "uuid-" + next++;
            String text = new String(key, StandardCharsets.UTF_8);
            values.put(uuid, text);
            paths.put(uuid, volumePath);
            given.add(text);
            if (blockTarget) {
                try {
                    Files.createDirectories(Path.of(volumePath));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return uuid;
        }

        @Override
        public Optional<String> findVolumeKey(String volumePath) {
            return paths.entrySet().stream().filter(e -> e.getValue().equals(volumePath) && values.containsKey(e.getKey()))
                    .map(Map.Entry::getKey).findFirst();
        }

        @Override
        public Map<String, String> volumeKeys() {
            Map<String, String> keys = new HashMap<>();
            values.keySet().forEach(uuid -> keys.put(paths.get(uuid), uuid));
            return keys;
        }

        @Override
        public void delete(String uuid) {
            values.remove(uuid);
        }

        /** What libvirt does with QEMU, done with qemu-img, which may know both keys here. */
        @Override
        public void rekey(Path image, String secretUuid, byte[] newKey) {
            String opts = "driver=qcow2,file.filename=" + image + ",encrypt.key-secret=old";
            List<String> secrets = List.of("--object", "secret,id=old,data=" + values.get(secretUuid), "--object",
                    "secret,id=new,data=" + new String(newKey, StandardCharsets.UTF_8));
            for (String change : List.of("encrypt.state=active,encrypt.new-secret=new,encrypt.iter-time=10", "encrypt.state=inactive,encrypt.old-secret=old")) {
                List<String> command = new java.util.ArrayList<>(List.of("qemu-img", "amend"));
                command.addAll(secrets);
                command.addAll(List.of("--image-opts", opts, "-o", change));
                try {
                    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (p.waitFor() != 0) {
                        throw new IllegalStateException("qemu-img amend: " + out);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
