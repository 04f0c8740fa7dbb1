package io.phyllome.host.shell;

import java.io.PrintStream;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * Runs one command line as a script runs it — in the one-shot launcher and for the clients of the
 * control socket alike: the result printed on {@code out}, a failure as one line on {@code err}
 * (its stack trace too with {@code PHYLLOME_DEBUG} set), and the exit status, 0 or 1.
 */
public final class CommandRunner {

    private CommandRunner() {
    }

    public static int run(CommandSession session, String line, PrintStream out, PrintStream err) {
        try {
            Object result = session.execute(line);
            if (result != null) {
                out.println(session.format(result, Converter.INSPECT));
            }
            return 0;
        } catch (Exception e) {
            err.println("error: " + CommandLine.message(e));
            if (System.getenv("PHYLLOME_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The command line of a program's arguments, each quoted for Gogo where it needs it. */
    public static String line(String[] args) {
        return CommandLine.join(args);
    }
}
