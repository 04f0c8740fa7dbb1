package io.phyllome.host.shell;

import java.util.regex.Pattern;

import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmException;

/** Turns process arguments into one Gogo command line, and exceptions into one line of text. */
final class CommandLine {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:,+@-]+");

    private CommandLine() {
    }

    /**
     * Joins arguments, single-quoting each one that Gogo would otherwise split, expand, evaluate
     * or read as {@code null}; a quote inside is written {@code '\''}.
     */
    static String join(String[] args) {
        StringBuilder line = new StringBuilder();
        for (String arg : args) {
            if (line.length() > 0) {
                line.append(' ');
            }
            if (PLAIN.matcher(arg).matches() && !arg.equals("null")) {
                line.append(arg);
            } else {
                line.append('\'').append(arg.replace("'", "'\\''")).append('\'');
            }
        }
        return line.toString();
    }

    /**
     * A size the user typed, e.g. {@code 4G}.
     *
     * @param option the option it was given with, named in the error; empty for none
     */
    static ByteSize size(String option, String text) {
        try {
            return ByteSize.parse(text);
        } catch (IllegalArgumentException e) {
            throw new VmException(option.isEmpty() ? e.getMessage() : option + ": " + e.getMessage());
        }
    }

    /** The message of the innermost exception that has one, on a single line. */
    static String message(Throwable e) {
        Throwable t = e;
        String message = null;
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
                if (t instanceof RuntimeException && t.getClass().getName().startsWith("io.phyllome.")) {
                    break;
                }
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return message == null ? e.toString() : message.replace('\n', ' ');
    }
}
