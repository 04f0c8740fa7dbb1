package io.phyllome.host.client.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One message of the control protocol: a type and its payload. On the wire a frame is its type
 * (one byte), its payload's length (four bytes, big-endian) and the payload.
 *
 * <p>A session: the client says {@link Type#HELLO}, the service answers {@link Type#HELLO} with
 * its greeting; then each {@link Type#COMMAND} or {@link Type#LINE} runs one shell command, whose output arrives as
 * {@link Type#OUT} and {@link Type#ERR} frames and which ends with {@link Type#EXIT}. While it
 * runs, the client sends what its standard input gives ({@link Type#IN}, then {@link Type#IN_END}),
 * and answers each {@link Type#PROMPT} with a {@link Type#REPLY}. Between commands, a client whose
 * hello has the flag {@link #COMPLETION} may send {@link Type#COMPLETE} (tab completion at its
 * prompt), which the service answers with {@link Type#CANDIDATES} when its hello offered
 * completion ({@link #offersCompletion()}); see {@link Candidate}.
 */
public record Frame(Type type, byte[] payload) {

    /** The protocol's version, which the client's hello carries. */
    public static final int VERSION = 1;
    /** The largest payload either side accepts: a longer frame ends the session. */
    public static final int MAX_PAYLOAD = 64 * 1024;
    /** Hello flag: the client has a terminal, so prompts can be answered there (without echo for secrets). */
    public static final int TERMINAL = 1;
    /**
     * Hello flag: the client may ask for completions. A service that answers them says so in its
     * hello (its greeting, NUL, {@value #COMPLETION_OFFER}); an older one ignores the flag, and
     * older clients, which never set it, get the plain greeting.
     */
    public static final int COMPLETION = 2;
    static final String COMPLETION_OFFER = "complete";

    /** The frame types; the byte is what goes on the wire. */
    public enum Type {
        /** client: version and flags; service: its greeting (UTF-8) */
        HELLO('H'),
        /** client: a command line's words, each UTF-8, separated by NUL (as a program's arguments) */
        COMMAND('C'),
        /** client: a command line as typed at the shell's prompt (UTF-8) */
        LINE('L'),
        /** client: bytes of its standard input */
        IN('I'),
        /** client: its standard input has ended */
        IN_END('J'),
        /** client: the line typed at a prompt (UTF-8) */
        REPLY('R'),
        /** service: bytes for the client's standard output */
        OUT('O'),
        /** service: bytes for the client's standard error */
        ERR('E'),
        /** service: ask the client's terminal; payload: echo (1) or not (0), then the prompt (UTF-8) */
        PROMPT('P'),
        /** service: the command ended; payload: its exit status (four bytes) */
        EXIT('X'),
        /** client: complete the word before the cursor; payload: the cursor (four bytes, a UTF-8 byte offset), then the line (UTF-8) */
        COMPLETE('T'),
        /** service: the answer to a {@code COMPLETE}; payload: each candidate's value and description, UTF-8, each followed by NUL */
        CANDIDATES('K');

        private final byte code;

        Type(char code) {
            this.code = (byte) code;
        }

        public byte code() {
            return code;
        }

        /** The type of a frame's first byte. */
        public static Type of(int code) throws ProtocolException {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new ProtocolException(String.format("unknown frame type 0x%02x", code & 0xff));
        }
    }

    public Frame {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a frame holds at most " + MAX_PAYLOAD + " bytes, not " + payload.length);
        }
    }

    public static Frame hello(int flags) {
        return new Frame(Type.HELLO, new byte[] { (byte) VERSION, (byte) flags });
    }

    /** The service's hello: its greeting, and whether it answers the client's {@link Type#COMPLETE} frames. */
    public static Frame greeting(String text, boolean completes) {
        return text(Type.HELLO, completes ? text + "\0" + COMPLETION_OFFER : text);
    }

    public static Frame text(Type type, String text) {
        return new Frame(type, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Frame command(List<String> words) {
        return text(Type.COMMAND, String.join("\0", words));
    }

    public static Frame prompt(String prompt, boolean echo) {
        byte[] text = prompt.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[text.length + 1];
        payload[0] = (byte) (echo ? 1 : 0);
        System.arraycopy(text, 0, payload, 1, text.length);
        return new Frame(Type.PROMPT, payload);
    }

    public static Frame exit(int status) {
        return new Frame(Type.EXIT, ByteBuffer.allocate(4).putInt(status).array());
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** A service hello's greeting, to show the user. */
    public String greetingText() {
        String text = text();
        int end = text.indexOf('\0');
        return end < 0 ? text : text.substring(0, end);
    }

    /** Whether a service hello offers completion. */
    public boolean offersCompletion() {
        String text = text();
        int end = text.indexOf('\0');
        return end >= 0 && List.of(text.substring(end + 1).split("\0")).contains(COMPLETION_OFFER);
    }

    /** A completion request: the line typed so far and the cursor in it (a character index). */
    public static Frame complete(String line, int cursor) {
        if (cursor < 0 || cursor > line.length()) {
            throw new IllegalArgumentException("cursor " + cursor + " outside the line of " + line.length() + " characters");
        }
        byte[] before = line.substring(0, cursor).getBytes(StandardCharsets.UTF_8);
        byte[] text = line.getBytes(StandardCharsets.UTF_8);
        return new Frame(Type.COMPLETE, ByteBuffer.allocate(4 + text.length).putInt(before.length).put(text).array());
    }

    /**
     * A completion request's line up to its cursor: what the candidates complete.
     *
     * @throws ProtocolException a payload without a cursor, or a cursor outside the line
     */
    public String completeBeforeCursor() throws ProtocolException {
        if (payload.length < 4) {
            throw new ProtocolException("a completion request without its cursor");
        }
        int cursor = ByteBuffer.wrap(payload).getInt();
        if (cursor < 0 || cursor > payload.length - 4) {
            throw new ProtocolException("a completion request's cursor " + cursor + " is outside its line of " + (payload.length - 4) + " bytes");
        }
        return new String(payload, 4, cursor, StandardCharsets.UTF_8);
    }

    /** A command frame's words. */
    public List<String> words() {
        return payload.length == 0 ? List.of() : List.of(text().split("\0", -1));
    }

    /** A prompt frame's question. */
    public String promptText() {
        return new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8);
    }

    /** Whether a prompt frame's answer may be echoed. */
    public boolean promptEchoes() {
        return payload.length > 0 && payload[0] == 1;
    }

    public int status() {
        return ByteBuffer.wrap(payload).getInt();
    }

    /** Clears the payload: a reply may hold a passphrase. */
    public void clear() {
        Arrays.fill(payload, (byte) 0);
    }
}
