package io.phyllome.host.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.phyllome.host.client.protocol.Candidate;
import io.phyllome.host.client.protocol.Frame;
import io.phyllome.host.client.protocol.FrameChannel;
import io.phyllome.host.client.protocol.Prompts;

/** One connection's command loop, seen from the client. */
final class ClientSession {

    private final FrameChannel frames;
    private final Prompts prompts;
    private final PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);

    /** @param prompts where the service's prompts are answered; null when there is no terminal */
    ClientSession(FrameChannel frames, Prompts prompts) {
        this.frames = frames;
        this.prompts = prompts;
    }

    /** Sends the command and shows its frames until it exits; its exit status. */
    int run(Frame command) throws IOException {
        frames.write(command);
        while (true) {
            Optional<Frame> next = frames.read();
            if (next.isEmpty()) {
                out.flush();
                System.err.println("phyllome: the service closed the connection before the command ended (check its log; vm:list shows what is done)");
                return 1;
            }
            Frame frame = next.get();
            switch (frame.type()) {
                case OUT -> write(out, frame.payload());
                case ERR -> {
                    out.flush();
                    write(System.err, frame.payload());
                }
                case PROMPT -> frames.write(answer(frame));
                case EXIT -> {
                    out.flush();
                    return frame.status();
                }
                default -> throw new IOException("unexpected " + frame.type() + " frame from the service");
            }
        }
    }

    /** The service's candidates for completing {@code line} at {@code cursor} (between commands only). */
    List<Candidate> complete(String line, int cursor) throws IOException {
        frames.write(Frame.complete(line, cursor));
        Optional<Frame> reply = frames.read();
        if (reply.isEmpty()) {
            throw new IOException("the service closed the connection");
        }
        if (reply.get().type() == Frame.Type.ERR) {
            throw new IOException(reply.get().text().strip()); // a refusal
        }
        return Candidate.of(reply.get());
    }

    private Frame answer(Frame prompt) throws IOException {
        out.flush();
        if (prompts == null) {
            return Frame.text(Frame.Type.REPLY, "");
        }
        if (prompt.promptEchoes()) {
            String line = prompts.readLine(prompt.promptText());
            return Frame.text(Frame.Type.REPLY, line == null ? "" : line);
        }
        char[] secret = prompts.readSecret(prompt.promptText());
        if (secret == null) {
            return Frame.text(Frame.Type.REPLY, "");
        }
        // bytes straight from the characters, both cleared: no String holds the secret here
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        try {
            return new Frame(Frame.Type.REPLY, Arrays.copyOf(bytes.array(), bytes.limit()));
        } finally {
            Arrays.fill(secret, ' ');
            Arrays.fill(bytes.array(), (byte) 0);
        }
    }

    /** Sends what {@code in} gives while commands run, then its end (a passphrase piped in, say). */
    void forwardInput(InputStream in) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    frames.write(new Frame(Frame.Type.IN, Arrays.copyOf(buffer, n)));
                }
                frames.write(new Frame(Frame.Type.IN_END, new byte[0]));
            } catch (IOException e) {
                // the session ended: nothing more to send
            } finally {
                Arrays.fill(buffer, (byte) 0);
            }
        }, "phyllome-stdin");
        pump.setDaemon(true);
        pump.start();
    }

    private static void write(OutputStream stream, byte[] bytes) {
        try {
            stream.write(bytes);
            stream.flush();
        } catch (IOException e) {
            // a closed pipe (e.g. `| head`): the output is not wanted any more
        }
    }
}
