package io.phyllome.host.client.protocol;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** Both ends of one real Unix domain socket connection, as a client and the service have them. */
public final class SocketPair implements AutoCloseable {

    private final ServerSocketChannel server;
    public final SocketChannel client;
    public final SocketChannel accepted;

    /** Connects through a socket file in {@code dir}. */
    public SocketPair(Path dir) throws IOException {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(dir.resolve("s"));
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address);
        client = SocketChannel.open(address);
        accepted = server.accept();
    }

    @Override
    public void close() throws IOException {
        client.close();
        accepted.close();
        server.close();
    }
}
