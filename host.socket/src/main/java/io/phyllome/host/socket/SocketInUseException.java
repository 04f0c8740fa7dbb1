package io.phyllome.host.socket;

import java.io.IOException;
import java.nio.file.Path;

/** A live process answers on the socket's path: it is never taken over. */
public final class SocketInUseException extends IOException {

    private static final long serialVersionUID = 1L;

    SocketInUseException(Path path) {
        super("another process listens on " + path + ": stop it first (or give this service another state directory)");
    }
}
