package io.phyllome.host.libvirt.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.libvirt.LibvirtException;

import io.phyllome.host.vm.VmException;

/**
 * Opens the libvirt connection: the configured URI, or else {@code qemu:///system} when its
 * daemon runs and the embedded driver in the state directory when it does not.
 */
final class Connector {

    static final String SYSTEM_URI = "qemu:///system";
    static final String EMBEDDED_URI = "qemu:///embed?root=";
    /** The embedded secret driver beside an embedded QEMU driver of the same root. */
    static final String EMBEDDED_SECRETS_URI = "secret:///embed?root=";
    /** Where the embedded secret driver keeps its secrets, below its root. */
    static final String EMBEDDED_SECRETS = "etc/secrets";
    private static final List<Path> SYSTEM_SOCKETS = List.of(Path.of("/run/libvirt/libvirt-sock"), Path.of("/run/libvirt/virtqemud-sock"));

    /** An open connection and the URI it was opened with. */
    record Opened(LibvirtConnection connection, String uri) {
    }

    private Connector() {
    }

    /** @param configuredUri the URI to use, or an empty string to choose one */
    static Opened open(String configuredUri, Path stateDir) {
        List<String> candidates = new ArrayList<>();
        if (!configuredUri.isEmpty()) {
            candidates.add(configuredUri);
        } else {
            if (SYSTEM_SOCKETS.stream().anyMatch(Files::exists)) {
                candidates.add(SYSTEM_URI);
            }
            candidates.add(EMBEDDED_URI + stateDir.resolve("libvirt"));
        }
        List<String> failures = new ArrayList<>();
        for (String candidate : candidates) {
            try {
                String uri = embeddedRoot(candidate).map(Connector::embedded).orElse(candidate);
                LibvirtProcess.acquire(); // released when the connection closes (SharedLibvirtSession.close)
                LibvirtConnection connection;
                try {
                    connection = new LibvirtConnection(uri);
                } catch (LibvirtException e) {
                    LibvirtProcess.release();
                    throw e;
                }
                return new Opened(connection, uri);
            } catch (LibvirtException e) {
                failures.add(candidate + ": " + e.getMessage());
            }
        }
        throw new VmException("cannot connect to libvirt (" + String.join("; ", failures)
                + "): install libvirt-daemon-system and start libvirtd, or set the URI in the configuration " + LibvirtConfig.PID);
    }

    /** The root of an embedded driver's URI; empty for any other URI. */
    static Optional<Path> embeddedRoot(String uri) {
        return uri.startsWith(EMBEDDED_URI) ? Optional.of(Path.of(uri.substring(EMBEDDED_URI.length()))) : Optional.empty();
    }

    /** The embedded driver's URI for {@code root}, creating the root and its short link as needed. */
    static String embedded(Path root) {
        SharedRunDirectory.prepare();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new VmException("cannot create " + root + " for the embedded libvirt driver: " + e.getMessage(), e);
        }
        EmbeddedDriverConfig.writeIfAbsent(root);
        EmbeddedRoot.link(root);
        return EMBEDDED_URI + EmbeddedRoot.reachable(root);
    }
}
