package io.phyllome.host.libvirt.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * {@code /run/libvirt}, which root's embedded driver shares with the system daemons: libvirt makes
 * it with mode 0700 when the embedded driver comes first, a daemon started later keeps that mode,
 * and {@code swtpm} (user tss) then cannot reach its sockets below it, so every TPM guest of the
 * daemon fails to start. Before opening the embedded driver, the platform makes it as libvirtd
 * would: mode 0755.
 */
final class SharedRunDirectory {

    static final Path PATH = Path.of("/run/libvirt");
    private static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final System.Logger LOG = System.getLogger(SharedRunDirectory.class.getName());

    private SharedRunDirectory() {
    }

    /** Makes {@code /run/libvirt} as libvirtd would, when this process runs as root (only root's driver uses it). */
    static void prepare() {
        if ("root".equals(System.getProperty("user.name"))) {
            prepare(PATH);
        }
    }

    /** Creates {@code dir} with mode 0755, or lets others traverse it when they cannot. */
    static void prepare(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, MODE);
                return;
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
            if (!mode.contains(PosixFilePermission.OTHERS_EXECUTE) || !mode.contains(PosixFilePermission.GROUP_EXECUTE)) {
                Files.setPosixFilePermissions(dir, MODE);
                LOG.log(System.Logger.Level.INFO, dir + " had mode " + PosixFilePermissions.toString(mode)
                        + ": made it rwxr-xr-x, so that swtpm reaches its sockets below it");
            }
        } catch (IOException e) {
            // libvirt makes it then, and host:check says what that costs and how to fix it
            LOG.log(System.Logger.Level.WARNING, "cannot prepare " + dir + " for libvirt: " + e.getMessage());
        }
    }
}
