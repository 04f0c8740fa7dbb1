package io.phyllome.host.client.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * Frames over a connected socket channel. Reading is for one thread; writing may come from
 * several (a command's standard output and error), and each frame goes out whole.
 */
public final class FrameChannel implements AutoCloseable {

    private static final int HEADER = 5;

    private final SocketChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(HEADER);

    public FrameChannel(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * The next frame, or empty when the other side closed the connection between frames.
     *
     * @throws ProtocolException a frame of an unknown type or too long, or a connection closed inside a frame
     */
    public Optional<Frame> read() throws IOException {
        header.clear();
        if (!fill(header, true)) {
            return Optional.empty();
        }
        header.flip();
        Frame.Type type = Frame.Type.of(header.get());
        int length = header.getInt();
        if (length < 0 || length > Frame.MAX_PAYLOAD) {
            throw new ProtocolException("a frame of " + Integer.toUnsignedString(length) + " bytes: at most " + Frame.MAX_PAYLOAD + " are allowed");
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        fill(payload, false);
        return Optional.of(new Frame(type, payload.array()));
    }

    /** Sends one frame. */
    public void write(Frame frame) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + frame.payload().length);
        buffer.put(frame.type().code()).putInt(frame.payload().length).put(frame.payload()).flip();
        synchronized (channel) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    /** @return false when the connection ended before the first byte and {@code endOk} */
    private boolean fill(ByteBuffer buffer, boolean endOk) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (endOk && buffer.position() == 0) {
                    return false;
                }
                throw new EOFException("the connection ended inside a frame");
            }
        }
        return true;
    }

    /**
     * Ends a session the other side broke: no more frames from here, and what it still sends is
     * read and dropped until it closes (closing with unread input would reset the connection
     * and lose the last frames, the reason of the refusal among them).
     */
    public void finish() throws IOException {
        channel.shutdownOutput();
        ByteBuffer sink = ByteBuffer.allocate(8192);
        while (channel.read(sink) >= 0) {
            sink.clear();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
