package dev.sinapsis.cli;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The CLI's logging: Sinapsis logs through {@link System.Logger}, which the JDK hands to
 * java.util.logging, and ND4J's SLF4J calls reach the same place through slf4j-jdk14. Quiet by default
 * (warnings and errors only); {@code --verbose} adds info and debug lines. Each is one line on stderr:
 * {@code sinapsis: LEVEL logger: message}.
 */
final class Logging {
    private static volatile PrintStream err = System.err;
    private static volatile boolean verbose;
    private static final Handler HANDLER = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (!isLoggable(r)) {
                return;
            }
            String message = r.getMessage();
            if (r.getParameters() != null && r.getParameters().length > 0 && message != null) {
                message = java.text.MessageFormat.format(message, r.getParameters());
            }
            String name = r.getLoggerName() == null ? "" : r.getLoggerName();
            err.println("sinapsis: " + label(r.getLevel()) + " " + name.substring(name.lastIndexOf('.') + 1)
                    + ": " + message + (r.getThrown() != null ? " (" + r.getThrown() + ")" : ""));
        }

        @Override
        public void flush() {
            err.flush();
        }

        @Override
        public void close() {
        }
    };

    private Logging() {
    }

    /** Sends log records to {@code stream}: warnings and worse, or everything down to debug when {@code verbose}. */
    static synchronized void configure(boolean verbose, PrintStream stream) {
        err = stream;
        Logging.verbose = verbose;
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Level level = verbose ? Level.FINE : Level.WARNING;
        root.setLevel(level);
        HANDLER.setLevel(level);
        root.addHandler(HANDLER);
    }

    /** Whether {@code --verbose} was given. */
    static boolean verbose() {
        return verbose;
    }

    /**
     * The same settings as a java.util.logging configuration file, for another JVM (the shell's):
     * the level, and one line per record in this class's format.
     */
    static String asProperties() {
        return "handlers=java.util.logging.ConsoleHandler\n"
                + ".level=" + (verbose ? "FINE" : "WARNING") + "\n"
                + "java.util.logging.ConsoleHandler.level=ALL\n"
                + "java.util.logging.SimpleFormatter.format=sinapsis: %4$s %3$s: %5$s%6$s%n\n";
    }

    /** System.Logger's names for java.util.logging's levels. */
    private static String label(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARNING";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        return v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }
}
