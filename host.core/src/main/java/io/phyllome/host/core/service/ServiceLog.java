package io.phyllome.host.core.service;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * The service's log on the process's own standard output. The JDK's console handler writes to
 * whatever {@code System.err} was when it was made, which in the service can be Gogo's per-thread
 * stream, so a log line of a command would reach the client that ran it; and the JDK resets its
 * logging when the JVM begins to exit, so the lines of the service's stop (guests shut down)
 * would be lost. Hand-written because neither can be configured away in java.util.logging.
 */
final class ServiceLog {

    private static final PrintStream STDOUT = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    private static final SimpleFormatter FORMAT = new SimpleFormatter();

    private ServiceLog() {
    }

    /** Sends every log record to standard output, one line each (the format of logging-service.properties). */
    static void install() {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Handler out = new StreamHandler(STDOUT, FORMAT) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }

            /** The JDK closes handlers as the JVM exits: standard output must stay open for the stop's lines. */
            @Override
            public synchronized void close() {
                flush();
            }
        };
        out.setLevel(Level.ALL);
        root.addHandler(out);
    }

    /** Logs {@code message} through {@code logger}, or straight to standard output once the JVM's logging has shut down. */
    static void log(System.Logger logger, System.Logger.Level level, String message) {
        if (Logger.getLogger("").getHandlers().length > 0) {
            logger.log(level, message);
            return;
        }
        LogRecord record = new LogRecord(level == System.Logger.Level.WARNING ? Level.WARNING : Level.INFO, message);
        record.setLoggerName(logger.getName());
        STDOUT.print(FORMAT.format(record));
        STDOUT.flush();
    }
}
