package io.phyllome.host.client;

import java.io.Console;
import java.io.IOException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.phyllome.host.client.protocol.Frame;
import io.phyllome.host.client.protocol.FrameChannel;
import io.phyllome.host.client.protocol.Prompts;

/**
 * The thin {@code phyllome} client: sends one command (or, without arguments, each line typed at
 * its prompt) to the running service over its Unix socket, prints what the command prints and
 * exits with its status. It starts no OSGi framework; {@code ./phyllome} runs it when the
 * service's socket exists.
 *
 * <p>Interactive, it edits lines with JLine ({@link InteractiveShell}: history, completion by the
 * service) when JLine is on its class path, and reads plain lines from the console otherwise.
 *
 * <p>Exit status: the command's (0 or 1); {@value #NO_SERVICE} when no service answers at the
 * socket (nothing is printed, so the launcher can run the command in-process instead); 1 when
 * the service could not be reached or ended the session.
 */
public final class Main {

    /** The socket, as the launcher computes it from the state directory. */
    public static final String SOCKET_PROPERTY = "phyllome.control.socket";
    static final int NO_SERVICE = 125;
    static final String PROMPT = "phyllome> ";
    static final String HINT = "Type 'help' for the commands, 'help COMMAND' for one; Tab completes, 'exit' leaves.";

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
        // JLine only at an interactive prompt: a one-shot command never loads it
        boolean lineEditor = args.isEmpty() && console != null && lineEditorPresent();
        try (FrameChannel frames = new FrameChannel(channel)) {
            frames.write(Frame.hello((console != null ? Frame.TERMINAL : 0) | (lineEditor ? Frame.COMPLETION : 0)));
            Optional<Frame> greeting = frames.read();
            if (greeting.isEmpty() || greeting.get().type() != Frame.Type.HELLO) {
                System.err.println("phyllome: the service at " + socket + " did not greet: is it a phyllome service?");
                return 1;
            }
            if (!args.isEmpty()) {
                ClientSession session = new ClientSession(frames, console == null ? null : Prompts.of(console));
                if (console == null) {
                    session.forwardInput(System.in);
                }
                return session.run(Frame.command(args));
            }
            if (lineEditor) {
                return InteractiveShell.run(frames, greeting.get());
            }
            return interactive(new ClientSession(frames, console == null ? null : Prompts.of(console)), console, greeting.get().greetingText());
        } catch (IOException e) {
            System.err.println("phyllome: the session with the service ended: " + reason(e));
            return 1;
        }
    }

    /** Whether JLine is on the class path (the launcher puts it there from distro/target/phyllome-client-lib). */
    private static boolean lineEditorPresent() {
        return Main.class.getClassLoader().getResource("org/jline/reader/LineReader.class") != null
                && Main.class.getClassLoader().getResource("org/jline/terminal/Terminal.class") != null;
    }

    /** The shell through the service without JLine: each line typed at the console runs as one command. */
    private static int interactive(ClientSession session, Console console, String greeting) throws IOException {
        if (console == null) {
            System.err.println("phyllome: no terminal: give a command, e.g. ./phyllome vm:list");
            return 2;
        }
        console.writer().println(greeting);
        console.writer().println(HINT);
        int status = 0;
        for (String line; (line = console.readLine("%s", PROMPT)) != null;) {
            String trimmed = line.strip();
            if (leaves(trimmed)) {
                break;
            }
            if (!trimmed.isEmpty()) {
                status = session.run(Frame.text(Frame.Type.LINE, trimmed));
            }
        }
        return status;
    }

    /** Whether a line typed at the prompt ends the session ({@code exit}, as the platform's own shell). */
    static boolean leaves(String line) {
        return line.equals("exit") || line.startsWith("exit ");
    }

    private static String reason(IOException e) {
        if (String.valueOf(e.getMessage()).contains("Permission denied")) {
            return "permission denied (the socket is its owner's and the phyllome group's: run as root or join that group)";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
