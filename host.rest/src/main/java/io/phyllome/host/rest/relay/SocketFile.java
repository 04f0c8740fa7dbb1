package io.phyllome.host.rest.relay;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/**
 * The API socket's file: mode 0600, or 0660 with the group {@code group} where the host has that
 * group. The mode is set while the file is still in a private (0700) directory, so the socket is
 * never reachable with the umask's mode; a live socket is never taken over, a stale one is.
 */
public final class SocketFile {

    private final Path path;
    private final String group;
    private Object inode;

    public SocketFile(Path path, String group) {
        this.path = path.toAbsolutePath();
        this.group = group;
    }

    public Path path() {
        return path;
    }

    void bind(ServerSocketChannel server) throws IOException {
        Files.createDirectories(path.getParent());
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && listening(path)) {
            throw new IOException("another process listens on " + path + ": stop it first (or give this service another state directory)");
        }
        Path staging = Files.createTempDirectory(path.getParent(), ".api-");
        Path bound = staging.resolve("s");
        try {
            server.bind(UnixDomainSocketAddress.of(bound));
            String mode = "rw-------";
            try {
                Files.getFileAttributeView(bound, PosixFileAttributeView.class)
                        .setGroup(bound.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group));
                mode = "rw-rw----";
            } catch (UserPrincipalNotFoundException e) {
                // no such group here: the owner's alone
            }
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString(mode));
            inode = Files.readAttributes(bound, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            Files.move(bound, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(bound);
            Files.deleteIfExists(staging);
        }
    }

    /** Removes the file if it is still the one bound here (by its inode: another service's is left). */
    void remove() {
        try {
            if (inode != null && Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                    && inode.equals(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey())) {
                Files.delete(path);
            }
        } catch (IOException e) {
            // gone already, or replaced: the next service binds over a stale one
        }
    }

    private static boolean listening(Path socket) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
