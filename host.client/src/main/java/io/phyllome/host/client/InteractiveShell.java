package io.phyllome.host.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.NullCompleter;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import io.phyllome.host.client.protocol.Frame;
import io.phyllome.host.client.protocol.FrameChannel;

/**
 * The interactive client with JLine: line editing, a history kept between sessions (bounded, in
 * the user's state directory) and tab completion that the service answers from its shell. Only
 * this class and those it uses load JLine, so a one-shot command never does.
 */
final class InteractiveShell {

    /** Lines kept in the history, in memory and in its file. */
    static final int HISTORY_LINES = 1000;

    private InteractiveShell() {
    }

    static int run(FrameChannel frames, Frame greeting) throws IOException {
        // JNI (JLine's native library, unpacked in java.io.tmpdir) is the quick one; the exec provider
        // (stty at each change) works where that library cannot load; a dumb terminal is the last resort
        try (Terminal terminal = TerminalBuilder.builder().system(true).providers("jni,exec").dumb(true).build()) {
            if (terminal.getWidth() <= 0) {
                terminal.setSize(new Size(80, 24)); // a terminal that reports no size (a serial console, script(1) in a pipe)
            }
            // answers to a command's prompts: never in the history, a secret never echoed
            LineReader answers = LineReaderBuilder.builder().terminal(terminal).variable(LineReader.DISABLE_HISTORY, true)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true).build();
            ClientSession session = new ClientSession(frames, new TerminalPrompts(answers));
            LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("phyllome")
                    .completer(greeting.offersCompletion() ? new ServiceCompleter(session) : NullCompleter.INSTANCE)
                    .variable(LineReader.HISTORY_SIZE, HISTORY_LINES).variable(LineReader.HISTORY_FILE_SIZE, HISTORY_LINES)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is Gogo's, not a history reference
                    .option(LineReader.Option.INSERT_TAB, false);
            Path history = historyFile();
            if (history != null) {
                builder.variable(LineReader.HISTORY_FILE, history);
            }
            LineReader reader = builder.build();
            terminal.writer().println(greeting.greetingText());
            terminal.writer().println(Main.HINT);
            terminal.flush();
            int status = 0;
            while (true) {
                String line;
                try {
                    line = reader.readLine(Main.PROMPT);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C drops the line typed
                } catch (EndOfFileException e) {
                    break; // Ctrl-D
                }
                String trimmed = line.strip();
                if (Main.leaves(trimmed)) {
                    break;
                }
                if (!trimmed.isEmpty()) {
                    status = session.run(Frame.text(Frame.Type.LINE, trimmed));
                }
            }
            reader.getHistory().save();
            return status;
        }
    }

    /**
     * {@code $XDG_STATE_HOME/phyllome/history}, or {@code ~/.local/state/phyllome/history}: the
     * user's own (0600 in a 0700 directory); null, said once, when it cannot be made.
     */
    static Path historyFile() {
        String state = System.getenv("XDG_STATE_HOME");
        Path dir = state != null && !state.isBlank() ? Path.of(state) : Path.of(System.getProperty("user.home"), ".local", "state");
        Path file = dir.resolve("phyllome").resolve("history");
        try {
            if (!Files.isDirectory(file.getParent())) {
                Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            return file;
        } catch (IOException | UnsupportedOperationException e) {
            System.err.println("phyllome: no history between sessions: cannot create " + file + " (" + e.getMessage() + ")");
            return null;
        }
    }
}
