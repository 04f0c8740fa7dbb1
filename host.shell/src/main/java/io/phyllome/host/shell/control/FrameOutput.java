package io.phyllome.host.shell.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

import io.phyllome.host.client.protocol.Frame;
import io.phyllome.host.client.protocol.FrameChannel;

/**
 * A command's standard output or error, sent to the client as frames of one type. Buffered until
 * flushed (a {@code PrintStream} with autoflush flushes each line); once the client has gone,
 * what the command still prints is dropped, so that the command can finish.
 */
final class FrameOutput extends OutputStream {

    private final FrameChannel frames;
    private final Frame.Type type;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean gone;

    FrameOutput(FrameChannel frames, Frame.Type type) {
        this.frames = frames;
        this.type = type;
    }

    @Override
    public synchronized void write(int b) {
        buffer.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        buffer.write(b, off, len);
    }

    @Override
    public synchronized void flush() {
        byte[] bytes = buffer.toByteArray();
        buffer.reset();
        for (int from = 0; from < bytes.length && !gone; from += Frame.MAX_PAYLOAD) {
            try {
                frames.write(new Frame(type, Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + Frame.MAX_PAYLOAD))));
            } catch (IOException e) {
                gone = true;
            }
        }
    }
}
