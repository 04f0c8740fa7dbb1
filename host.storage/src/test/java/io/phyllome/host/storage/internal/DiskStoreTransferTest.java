package io.phyllome.host.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Moving a disk to another host: an exported copy has a key of its own, and only a disk its key
 * opens, standing alone, is adopted.
 */
class DiskStoreTransferTest extends DiskStoreTest {

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
}
