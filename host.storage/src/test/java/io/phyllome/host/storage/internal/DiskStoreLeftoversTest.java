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

import org.junit.jupiter.api.Test;

import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmException;

/**
 * What a crash leaves behind: keys without a disk, and creations never confirmed, told apart from
 * another process's or host's creation in progress.
 */
class DiskStoreLeftoversTest extends DiskStoreTest {

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
}
