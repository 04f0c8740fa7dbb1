package io.phyllome.host.libvirt.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.phyllome.host.vm.VmException;

/**
 * The embedded QEMU driver's own {@code qemu.conf} ({@code ROOT/etc/qemu.conf}), written once when
 * there is none: QEMU's output goes to plain files, so that a host without any libvirt daemon
 * needs no {@code virtlogd} either. A file the administrator edited is left as it is.
 */
final class EmbeddedDriverConfig {

    static final String CONTENT = """
            # libvirt's embedded QEMU driver as Phyllome Host runs it (written once; edit freely).
            # QEMU's output goes to plain files in log/qemu, so no virtlogd daemon is needed.
            stdio_handler = "file"
            """;

    private EmbeddedDriverConfig() {
    }

    static void writeIfAbsent(Path root) {
        Path file = root.resolve("etc/qemu.conf");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, CONTENT, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            // the host's own, or ours from an earlier start
        } catch (IOException e) {
            throw new VmException("cannot write " + file + " for the embedded libvirt driver: " + e.getMessage(), e);
        }
    }
}
