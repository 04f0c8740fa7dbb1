package io.phyllome.host.shell.control;

import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A command's standard input: the bytes the client forwards, in order, then the end. (Not a
 * PipedInputStream: that one fails once the thread that wrote to it has ended.)
 */
final class FrameInput extends InputStream {

    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    /** More bytes from the client. */
    void add(byte[] bytes) {
        if (bytes.length > 0) {
            chunks.add(bytes);
        }
    }

    /** The client's input has ended (or the client has gone). */
    void end() {
        chunks.add(END);
    }

    @Override
    public synchronized int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (position == current.length) {
            if (ended) {
                return -1;
            }
            try {
                current = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            position = 0;
            ended = current == END;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }
}
