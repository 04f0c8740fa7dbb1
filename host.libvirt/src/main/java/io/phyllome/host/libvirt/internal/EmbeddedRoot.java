package io.phyllome.host.libvirt.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.phyllome.host.vm.VmException;

/**
 * The embedded driver keeps QEMU's sockets below its root, e.g.
 * {@code ROOT/lib/qemu/channel/target/domain-12-NAME/org.qemu.guest_agent.0}, and a UNIX socket
 * path holds at most 107 bytes. A root longer than {@value #MAX_LENGTH} characters is reached
 * through a short symbolic link instead.
 */
final class EmbeddedRoot {

    static final int MAX_LENGTH = 27;

    private EmbeddedRoot() {
    }

    /** The path to give libvirt for {@code root}: itself when short enough, else a short link. */
    static Path reachable(Path root) {
        if (root.toString().length() <= MAX_LENGTH) {
            return root;
        }
        String id = digest(root.toString());
        return "root".equals(System.getProperty("user.name")) ? Path.of("/run/phyllome", id) : Path.of("/tmp", "phyllome-" + id);
    }

    /** Makes sure the short link of {@code root}, if it needs one, points to it. */
    static void link(Path root) {
        Path link = reachable(root);
        if (link.equals(root)) {
            return;
        }
        try {
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(root)) {
                return;
            }
            Files.createDirectories(link.getParent());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, root);
        } catch (IOException e) {
            throw new VmException("cannot link " + link + " to the embedded driver's root " + root + ": " + e.getMessage()
                    + " (or choose a state directory of at most " + (MAX_LENGTH - "/libvirt".length()) + " characters)", e);
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
