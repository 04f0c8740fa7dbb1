package io.phyllome.host.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.apache.felix.service.command.CommandSession;

import io.phyllome.host.client.protocol.Prompts;
import io.phyllome.host.vm.VmException;

/** Reads a passphrase without echo from the user's terminal, or as one line from standard input; never prints it. */
final class Passphrases {

    private Passphrases() {
    }

    /** @param confirm ask twice (for a new passphrase) when interactive */
    static byte[] read(CommandSession session, String what, boolean confirm) throws IOException {
        Optional<Prompts> terminal = Terminal.of(session);
        if (terminal.isPresent()) {
            char[] first = terminal.get().readSecret(what + ": ");
            char[] second = confirm && first != null ? terminal.get().readSecret(what + " again: ") : first;
            try {
                if (first == null || !Arrays.equals(first, second)) {
                    throw new VmException("the passphrases differ: nothing was changed");
                }
                return toUtf8(first);
            } finally {
                if (first != null) {
                    Arrays.fill(first, ' ');
                }
                if (second != null) {
                    Arrays.fill(second, ' ');
                }
            }
        }
        InputStream in = session.getKeyboard();
        byte[] line = new byte[64];
        int length = 0;
        for (int c; (c = in.read()) != -1 && c != '\n';) {
            if (length == line.length) {
                byte[] longer = Arrays.copyOf(line, line.length * 2);
                Arrays.fill(line, (byte) 0);
                line = longer;
            }
            line[length++] = (byte) c;
        }
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        byte[] passphrase = Arrays.copyOf(line, end);
        Arrays.fill(line, (byte) 0);
        return passphrase;
    }

    /** {@link #read} as characters; the caller clears them. */
    static char[] readChars(CommandSession session, String what, boolean confirm) throws IOException {
        byte[] bytes = read(session, what, confirm);
        CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes));
        try {
            return Arrays.copyOf(chars.array(), chars.limit());
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(chars.array(), ' ');
        }
    }

    private static byte[] toUtf8(char[] chars) {
        var buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = Arrays.copyOf(buffer.array(), buffer.limit());
        Arrays.fill(buffer.array(), (byte) 0);
        return bytes;
    }
}
