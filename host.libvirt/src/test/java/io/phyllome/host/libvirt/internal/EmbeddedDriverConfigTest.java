package io.phyllome.host.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDriverConfigTest {

    @TempDir
    Path root;

    @Test
    void aNewRootGetsQemuOutputInFilesSoNoVirtlogdIsNeeded() throws IOException {
        EmbeddedDriverConfig.writeIfAbsent(root);
        assertEquals(EmbeddedDriverConfig.CONTENT, Files.readString(root.resolve("etc/qemu.conf")));
    }

    @Test
    void anEditedFileIsLeftAsItIs() throws IOException {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/qemu.conf"), "stdio_handler = \"logd\"\n");
        EmbeddedDriverConfig.writeIfAbsent(root);
        assertEquals("stdio_handler = \"logd\"\n", Files.readString(root.resolve("etc/qemu.conf")));
    }
}
