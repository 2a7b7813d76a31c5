package dev.sinapsis.cli;

import dev.sinapsis.backend.BackendUnavailableException;
import dev.sinapsis.data.DatasetException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sinapsis} command-line program.
 *
 * <p>User errors (unknown model, bad flag, missing data, unavailable backend, invalid checkpoint)
 * print one line {@code sinapsis: error: ...} on stderr and exit with {@link #EXIT_USAGE} (bad
 * command line) or {@link #EXIT_FAILURE}; only an internal error prints a stack trace.
 */
@Command(name = "sinapsis", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Sinapsis: train and evaluate neural networks on the JVM.",
        subcommands = {TrainCommand.class, EvalCommand.class, DevicesCommand.class, DataCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code of a run that failed for a reason the message explains (missing data, bad checkpoint...). */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of an invalid command line (unknown model or flag, bad value). */
    public static final int EXIT_USAGE = 2;
    /** Exit code of an internal error (a bug: the stack trace is printed). */
    public static final int EXIT_INTERNAL = 70;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing a command: train, eval, devices or data");
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int code = execute(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs the program with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            err.println("sinapsis: error: " + oneLine(ex.getMessage()) + " (see " + command + " --help)");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (isUserError(ex)) {
                err.println("sinapsis: error: " + oneLine(ex.getMessage()));
                return EXIT_FAILURE;
            }
            err.println("sinapsis: internal error: " + ex);
            ex.printStackTrace(err);
            return EXIT_INTERNAL;
        });
        Streams.set(out, err);
        try {
            return cl.execute(args);
        } finally {
            Streams.clear();
        }
    }

    /** Errors caused by the input (data, backend, options, files), reported as one line. */
    static boolean isUserError(Throwable ex) {
        return ex instanceof DatasetException || ex instanceof BackendUnavailableException
                || ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException
                || ex instanceof UserException || ex instanceof java.io.IOException
                || ex.getClass().getName().equals("dev.sinapsis.io.CheckpointException");
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** The version line. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"sinapsis " + (v == null ? "0.1.0-SNAPSHOT" : v) + " (Java "
                    + System.getProperty("java.version") + ")"};
        }
    }
}
