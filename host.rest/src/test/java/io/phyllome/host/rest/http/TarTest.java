package io.phyllome.host.rest.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package download and upload: what TarStream writes, GNU tar and TarReader unpack alike; a name leaving the directory is refused. */
class TarTest {

    @TempDir
    Path dir;

    @Test
    void gnuTarAndTheReaderUnpackWhatTheStreamWrites() throws Exception {
        Path source = Files.createDirectories(dir.resolve("package"));
        byte[] disk = new byte[70_000];
        new Random(7).nextBytes(disk);
        Files.write(source.resolve("vm-0.qcow2"), disk);
        Files.writeString(source.resolve("MANIFEST.sha256"), "abc  vm-0.qcow2\n");
        Files.write(source.resolve("empty"), new byte[0]);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        TarStream.write(source, tar);

        Path gnu = Files.createDirectories(dir.resolve("gnu"));
        Path file = dir.resolve("p.tar");
        Files.write(file, tar.toByteArray());
        Process process = new ProcessBuilder("tar", "-xf", file.toString(), "-C", gnu.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), out);
        assertArrayEquals(disk, Files.readAllBytes(gnu.resolve("vm-0.qcow2")));

        Path mine = Files.createDirectories(dir.resolve("mine"));
        TarReader.extract(new ByteArrayInputStream(tar.toByteArray()), mine, 1 << 20);
        assertArrayEquals(disk, Files.readAllBytes(mine.resolve("vm-0.qcow2")));
        assertEquals("abc  vm-0.qcow2\n", Files.readString(mine.resolve("MANIFEST.sha256")));
        assertEquals(0, Files.size(mine.resolve("empty")));

        ApiException tooLarge = assertThrows(ApiException.class,
                () -> TarReader.extract(new ByteArrayInputStream(tar.toByteArray()), Files.createDirectories(dir.resolve("small")), 1000));
        assertEquals(413, tooLarge.status());
    }

    @Test
    void aNameThatLeavesTheDirectoryIsRefused() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (OutputStream out = tar) {
            out.write(TarStream.header("../escape", 1, 0));
            out.write(new byte[512]);
            out.write(new byte[1024]);
        }
        Path target = Files.createDirectories(dir.resolve("x"));
        ApiException e = assertThrows(ApiException.class, () -> TarReader.extract(new ByteArrayInputStream(tar.toByteArray()), target, 1 << 20));
        assertEquals(400, e.status());
        assertEquals(false, Files.exists(dir.resolve("escape")));
    }

    @Test
    void aSizeOfEightGibibytesOrMoreIsWrittenInBase256() {
        byte[] header = TarStream.header("big.qcow2", 10L << 30, 0);
        assertEquals((byte) 0x80, header[124]);
        long size = 0;
        for (int i = 125; i < 136; i++) {
            size = (size << 8) | (header[i] & 0xff);
        }
        assertEquals(10L << 30, size);
    }
}
