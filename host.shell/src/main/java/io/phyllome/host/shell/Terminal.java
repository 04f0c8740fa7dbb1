package io.phyllome.host.shell;

import java.io.Console;
import java.io.IOException;
import java.util.Optional;

import org.apache.felix.service.command.CommandSession;

/**
 * Where a command asks its user: a prompt with echo for a confirmation, without for a passphrase.
 * A session of the control socket carries its client's terminal (or none) as the session
 * attribute {@value #ATTRIBUTE}; any other session asks the process's own console.
 */
public interface Terminal {

    /** The session attribute: a {@link Terminal}, or {@link Boolean#FALSE} for a client without one. */
    String ATTRIBUTE = "phyllome.terminal";

    /** A line typed in answer to {@code prompt}; null when the terminal has ended. */
    String readLine(String prompt) throws IOException;

    /** A secret typed without echo; null when the terminal has ended. The caller clears it. */
    char[] readSecret(String prompt) throws IOException;

    /** The terminal of the user behind {@code session}, if there is one to ask. */
    static Optional<Terminal> of(CommandSession session) {
        Object attribute = session == null ? null : session.get(ATTRIBUTE);
        if (attribute instanceof Terminal terminal) {
            return Optional.of(terminal);
        }
        if (attribute != null) {
            return Optional.empty(); // a client without a terminal: never the service's own console
        }
        Console console = System.console();
        return console == null ? Optional.empty() : Optional.of(new Terminal() {
            @Override
            public String readLine(String prompt) {
                return console.readLine("%s", prompt);
            }

            @Override
            public char[] readSecret(String prompt) {
                return console.readPassword("%s", prompt);
            }
        });
    }
}
