package io.phyllome.host.client;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

import io.phyllome.host.client.protocol.Prompts;

/**
 * A command's prompts on JLine's terminal, which JLine keeps in charge of: a confirmation echoed,
 * a secret not (JLine's line buffer holds it while it is typed; the caller clears the copy).
 */
final class TerminalPrompts implements Prompts {

    /** JLine's mask that shows nothing at all of what is typed. */
    private static final Character NOTHING_SHOWN = 0;

    private final LineReader answers;

    TerminalPrompts(LineReader answers) {
        this.answers = answers;
    }

    @Override
    public String readLine(String prompt) {
        try {
            return answers.readLine(escape(prompt));
        } catch (UserInterruptException e) {
            return ""; // Ctrl-C: no answer, which the command takes as "no"
        } catch (EndOfFileException e) {
            return null;
        }
    }

    @Override
    public char[] readSecret(String prompt) {
        try {
            return answers.readLine(escape(prompt), NOTHING_SHOWN).toCharArray();
        } catch (UserInterruptException e) {
            return new char[0];
        } catch (EndOfFileException e) {
            return null;
        }
    }

    /** JLine expands {@code %} sequences in a prompt; the service's prompt is shown as it is. */
    private static String escape(String prompt) {
        return prompt.replace("%", "%%");
    }
}
