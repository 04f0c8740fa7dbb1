package io.phyllome.host.client.protocol;

import java.io.Console;
import java.io.IOException;

/**
 * Where a command's prompt is answered: a confirmation (echoed) or a secret (not echoed), the two
 * kinds of {@link Frame.Type#PROMPT} the protocol carries. The client answers them at its
 * terminal; the service's shell asks them of its client, or of its own console.
 */
public interface Prompts {

    /** The line typed, or null when the terminal ended. */
    String readLine(String prompt) throws IOException;

    /** The secret typed (the caller clears it), or null when the terminal ended. */
    char[] readSecret(String prompt) throws IOException;

    /** The JVM's console: one-shot commands, and the prompt when JLine is not there. */
    static Prompts of(Console console) {
        return new Prompts() {
            @Override
            public String readLine(String prompt) {
                return console.readLine("%s", prompt);
            }

            @Override
            public char[] readSecret(String prompt) {
                return console.readPassword("%s", prompt);
            }
        };
    }
}
