package io.phyllome.host.socket;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/**
 * A listening socket's file: mode 0600, or 0660 with the group {@code group} where the host has
 * that group. It is bound in a private (0700) directory, given its mode there and only then moved
 * into place, so that it is never reachable with the umask's looser mode. A socket that a live
 * process answers on is never taken over; a stale one (a killed service's) is.
 */
final class SocketFile {

    private final Path path;
    private final String group;
    /** The bound socket file's identity (device and inode), to remove it and no other. */
    private Object ours;

    SocketFile(Path path, String group) {
        this.path = path.toAbsolutePath();
        this.group = group;
    }

    Path path() {
        return path;
    }

    void bind(ServerSocketChannel server) throws IOException {
        Files.createDirectories(path.getParent());
        if (answers(path)) {
            throw new SocketInUseException(path);
        }
        Path staging = Files.createTempDirectory(path.getParent(), ".socket-"); // mode 0700
        Path bound = staging.resolve("s");
        try {
            server.bind(UnixDomainSocketAddress.of(bound));
            boolean shared = giveToGroup(bound);
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString(shared ? "rw-rw----" : "rw-------"));
            ours = fileKey(bound);
            try {
                Files.move(bound, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(bound, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(bound);
            Files.deleteIfExists(staging);
        }
    }

    /** Removes the socket file unless another service has put its own there since. */
    void remove() {
        try {
            // the file we bound, by its inode: probing would race with the closing server socket
            if (ours != null && ours.equals(fileKey(path))) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // gone already, or replaced: the next service binds over a stale one
        }
    }

    private boolean giveToGroup(Path socket) throws IOException {
        try {
            GroupPrincipal principal = socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
            Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(principal);
            return true;
        } catch (UserPrincipalNotFoundException e) {
            return false; // no such group here: the owner's alone
        }
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                ? Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey()
                : null;
    }

    private static boolean answers(Path socket) {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false; // refused: nobody listens on it
        }
    }
}
