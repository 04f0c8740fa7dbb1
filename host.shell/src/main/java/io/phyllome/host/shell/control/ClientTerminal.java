package io.phyllome.host.shell.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;

import io.phyllome.host.client.protocol.Frame;
import io.phyllome.host.client.protocol.FrameChannel;
import io.phyllome.host.client.protocol.Prompts;

/** The terminal of a client that has one: each prompt goes to it, and its reply comes back. */
final class ClientTerminal implements Prompts {

    private static final Frame GONE = new Frame(Frame.Type.REPLY, new byte[0]);

    private final FrameChannel frames;
    private final LinkedBlockingQueue<Frame> replies = new LinkedBlockingQueue<>();

    ClientTerminal(FrameChannel frames) {
        this.frames = frames;
    }

    /** A reply frame from the client. */
    void reply(Frame reply) {
        replies.add(reply);
    }

    /** The client has gone: a waiting prompt gets no answer. */
    void gone() {
        replies.add(GONE);
    }

    @Override
    public String readLine(String prompt) throws IOException {
        Frame reply = ask(prompt, true);
        return reply == GONE ? null : reply.text();
    }

    @Override
    public char[] readSecret(String prompt) throws IOException {
        Frame reply = ask(prompt, false);
        if (reply == GONE) {
            return null;
        }
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(reply.payload()));
        try {
            return Arrays.copyOf(chars.array(), chars.limit());
        } finally {
            Arrays.fill(chars.array(), ' ');
            reply.clear();
        }
    }

    private Frame ask(String prompt, boolean echo) throws IOException {
        frames.write(Frame.prompt(prompt, echo));
        try {
            return replies.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the answer to: " + prompt, e);
        }
    }
}
