package io.phyllome.host.client.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frames over a real Unix domain socket, as the client and the service exchange them. */
class FrameChannelTest {

    @TempDir
    Path dir;

    private ServerSocketChannel server;
    private SocketChannel client;
    private SocketChannel accepted;

    @BeforeEach
    void connect() throws IOException {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(dir.resolve("s"));
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address);
        client = SocketChannel.open(address);
        accepted = server.accept();
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        accepted.close();
        server.close();
    }

    @Test
    void framesArriveWholeAndInOrder() throws IOException {
        FrameChannel sender = new FrameChannel(client);
        FrameChannel receiver = new FrameChannel(accepted);
        sender.write(Frame.hello(Frame.TERMINAL));
        sender.write(Frame.command(List.of("vm:create", "--memory", "2G", "a name with spaces", "")));
        sender.write(new Frame(Frame.Type.IN, new byte[Frame.MAX_PAYLOAD]));
        sender.write(Frame.prompt("passphrase: ", false));
        sender.write(Frame.exit(86));

        Frame hello = receiver.read().orElseThrow();
        assertEquals(Frame.Type.HELLO, hello.type());
        assertArrayEquals(new byte[] { Frame.VERSION, Frame.TERMINAL }, hello.payload());
        assertEquals(List.of("vm:create", "--memory", "2G", "a name with spaces", ""), receiver.read().orElseThrow().words());
        assertEquals(Frame.MAX_PAYLOAD, receiver.read().orElseThrow().payload().length);
        Frame prompt = receiver.read().orElseThrow();
        assertEquals("passphrase: ", prompt.promptText());
        assertEquals(false, prompt.promptEchoes());
        assertEquals(86, receiver.read().orElseThrow().status());
    }

    @Test
    void aConnectionClosedBetweenFramesEndsTheStream() throws IOException {
        client.close();
        assertTrue(new FrameChannel(accepted).read().isEmpty());
    }

    @Test
    void aConnectionClosedInsideAFrameIsAnError() throws IOException {
        client.write(ByteBuffer.wrap(new byte[] { 'O', 0, 0, 0, 10, 1, 2 }));
        client.close();
        assertThrows(EOFException.class, () -> new FrameChannel(accepted).read());
    }

    @Test
    void anOversizedFrameIsRefusedBeforeItsPayloadIsRead() throws IOException {
        client.write(ByteBuffer.allocate(5).put((byte) 'C').putInt(Frame.MAX_PAYLOAD + 1).flip());
        ProtocolException e = assertThrows(ProtocolException.class, () -> new FrameChannel(accepted).read());
        assertTrue(e.getMessage().contains("at most " + Frame.MAX_PAYLOAD), e.getMessage());
    }

    @Test
    void garbageIsNotAFrame() throws IOException {
        client.write(ByteBuffer.wrap("GET / HTTP/1.1\r\n".getBytes()));
        ProtocolException e = assertThrows(ProtocolException.class, () -> new FrameChannel(accepted).read());
        assertTrue(e.getMessage().contains("unknown frame type 0x47"), e.getMessage());
    }

    @Test
    void aFrameCannotHoldMoreThanTheLimit() {
        assertThrows(IllegalArgumentException.class, () -> new Frame(Frame.Type.OUT, new byte[Frame.MAX_PAYLOAD + 1]));
    }
}
