package io.phyllome.host.shell;

import java.io.Console;
import java.util.Optional;

import org.apache.felix.service.command.CommandSession;

import io.phyllome.host.client.protocol.Prompts;

/**
 * Where a command asks its user ({@link Prompts}: a prompt with echo for a confirmation, without
 * for a passphrase). A session of the control socket carries its client's prompts (or none) as
 * the session attribute {@value #ATTRIBUTE}; any other session asks the process's own console.
 */
public final class Terminal {

    /** The session attribute: the client's {@link Prompts}, or {@link Boolean#FALSE} for a client without a terminal. */
    public static final String ATTRIBUTE = "phyllome.terminal";

    private Terminal() {
    }

    /** The terminal of the user behind {@code session}, if there is one to ask. */
    public static Optional<Prompts> of(CommandSession session) {
        Object attribute = session == null ? null : session.get(ATTRIBUTE);
        if (attribute instanceof Prompts terminal) {
            return Optional.of(terminal);
        }
        if (attribute != null) {
            return Optional.empty(); // a client without a terminal: never the service's own console
        }
        Console console = System.console();
        return console == null ? Optional.empty() : Optional.of(Prompts.of(console));
    }
}
