package io.phyllome.host.client;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.phyllome.host.client.protocol.Frame;
import io.phyllome.host.client.protocol.FrameChannel;

/**
 * The thin {@code phyllome} client: sends one command (or, without arguments, each line typed at
 * its prompt) to the running service over its Unix socket, prints what the command prints and
 * exits with its status. It starts no OSGi framework; {@code ./phyllome} runs it when the
 * service's socket exists.
 *
 * <p>Exit status: the command's (0 or 1); {@value #NO_SERVICE} when no service answers at the
 * socket (nothing is printed, so the launcher can run the command in-process instead); 1 when
 * the service could not be reached or ended the session.
 */
public final class Main {

    /** The socket, as the launcher computes it from the state directory. */
    public static final String SOCKET_PROPERTY = "phyllome.control.socket";
    static final int NO_SERVICE = 125;

    private Main() {
    }

    public static void main(String[] args) {
        String socket = System.getProperty(SOCKET_PROPERTY);
        if (socket == null || socket.isEmpty()) {
            System.err.println("phyllome: no control socket given (-D" + SOCKET_PROPERTY + "=PATH)");
            System.exit(2);
        }
        System.exit(run(Path.of(socket), List.of(args)));
    }

    static int run(Path socket, List<String> args) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (SocketException e) {
            if (!String.valueOf(e.getMessage()).contains("Permission denied")) {
                return NO_SERVICE; // no such socket, or nobody listening on a stale one: no service runs
            }
            System.err.println("phyllome: cannot reach the service at " + socket + ": " + reason(e));
            return 1;
        } catch (IOException e) {
            System.err.println("phyllome: cannot reach the service at " + socket + ": " + reason(e));
            return 1;
        }
        Console console = System.console();
        try (FrameChannel frames = new FrameChannel(channel)) {
            frames.write(Frame.hello(console != null ? Frame.TERMINAL : 0));
            Optional<Frame> greeting = frames.read();
            if (greeting.isEmpty() || greeting.get().type() != Frame.Type.HELLO) {
                System.err.println("phyllome: the service at " + socket + " did not greet: is it a phyllome service?");
                return 1;
            }
            Session session = new Session(frames, console);
            if (!args.isEmpty()) {
                if (console == null) {
                    session.forwardInput(System.in);
                }
                return session.run(Frame.command(args));
            }
            return interactive(session, console, greeting.get().text());
        } catch (IOException e) {
            System.err.println("phyllome: the session with the service ended: " + reason(e));
            return 1;
        }
    }

    /** The shell through the service: each line typed runs as one command in the same session. */
    private static int interactive(Session session, Console console, String greeting) throws IOException {
        if (console == null) {
            System.err.println("phyllome: no terminal: give a command, e.g. ./phyllome vm:list");
            return 2;
        }
        console.writer().println(greeting);
        console.writer().println("Type 'help' for the commands, 'help COMMAND' for one; 'exit' leaves.");
        int status = 0;
        for (String line; (line = console.readLine("phyllome> ")) != null;) {
            String trimmed = line.strip();
            if (trimmed.equals("exit") || trimmed.startsWith("exit ")) {
                break;
            }
            if (!trimmed.isEmpty()) {
                status = session.run(Frame.text(Frame.Type.LINE, trimmed));
            }
        }
        return status;
    }

    private static String reason(IOException e) {
        if (String.valueOf(e.getMessage()).contains("Permission denied")) {
            return "permission denied (the socket is its owner's and the phyllome group's: run as root or join that group)";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** One connection's command loop, seen from the client. */
    private static final class Session {
        private final FrameChannel frames;
        private final Console console;
        private final PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);

        Session(FrameChannel frames, Console console) {
            this.frames = frames;
            this.console = console;
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

        private Frame answer(Frame prompt) {
            out.flush();
            if (console == null) {
                return Frame.text(Frame.Type.REPLY, "");
            }
            if (prompt.promptEchoes()) {
                String line = console.readLine("%s", prompt.promptText());
                return Frame.text(Frame.Type.REPLY, line == null ? "" : line);
            }
            char[] secret = console.readPassword("%s", prompt.promptText());
            if (secret == null) {
                return Frame.text(Frame.Type.REPLY, "");
            }
            // bytes straight from the characters, both cleared: no String holds the secret
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
}
