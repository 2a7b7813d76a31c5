package dev.sinapsis.cli;

import dev.sinapsis.backend.BackendUnavailableException;
import dev.sinapsis.data.DatasetException;
import dev.sinapsis.io.CheckpointException;
import dev.sinapsis.models.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sinapsis} command-line program.
 *
 * <p>User errors (unknown model, bad flag, missing data, unavailable backend, invalid checkpoint:
 * see {@link #isUserError}) print one line {@code sinapsis: error: ...} on stderr and exit with
 * {@link #EXIT_USAGE} (bad command line) or {@link #EXIT_FAILURE}. Anything else is a bug: it
 * prints {@value #INTERNAL_ERROR} and the stack trace, and exits with {@link #EXIT_INTERNAL}.
 */
@Command(name = "sinapsis", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Sinapsis: train and evaluate neural networks on the JVM.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, SampleCommand.class,
                RunCommand.class, BenchCommand.class,
                DevicesCommand.class, DataCommand.class, ShellCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code of a run that failed for a reason the message explains (missing data, bad checkpoint...). */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of an invalid command line (unknown model or flag, bad value). */
    public static final int EXIT_USAGE = 2;
    /** Exit code of an internal error (a bug: the stack trace is printed). */
    public static final int EXIT_INTERNAL = 70;
    /** The line printed before the stack trace of an internal error. */
    public static final String INTERNAL_ERROR = "sinapsis: internal error \u2014 please report it";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code --verbose}, accepted before or after the command: log info and debug lines too (default: warnings only). */
    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Also print info and debug log lines (of Sinapsis and ND4J) on stderr; by default only warnings.")
    void verbose(boolean on) {
        Logging.configure(on, Streams.errOrProcess());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing a command: train, eval, predict, sample, run, bench, devices, data or shell");
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int code = execute(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs the program with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return execute(args, null, out, err);
    }

    /** As {@link #execute(String[], PrintStream, PrintStream)}, reading standard input from {@code in} (null: the process's). */
    public static int execute(String[] args, java.io.InputStream in, PrintStream out, PrintStream err) {
        CommandLine cl = commandLine(out, err);
        Streams.set(out, err);
        Logging.configure(false, err);
        Streams.setIn(in);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("sinapsis: error: out of memory (the Java heap holds at most "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB): give Java more, e.g. SINAPSIS_JAVA_OPTS=-Xmx4g"
                    + " ./sinapsis ..., or use a smaller --batch (text models: a smaller --max-len or --hidden)");
            return EXIT_FAILURE;
        } finally {
            Streams.clear();
        }
    }

    /** The program's command line, writing to {@code out} and {@code err}, with its error handlers. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
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
                err.println("sinapsis: error: " + oneLine(userMessage(ex)));
                return EXIT_FAILURE;
            }
            err.println(INTERNAL_ERROR);
            ex.printStackTrace(err);
            return EXIT_INTERNAL;
        });
        return cl;
    }

    /**
     * Errors raised on purpose for what the user gave (options, files, data, backend, checkpoint),
     * reported as one line. Anything else, an IllegalArgumentException from deep inside a model
     * (a ShapeException, a DTypeException) included, is a bug: {@link #INTERNAL_ERROR} and the
     * stack trace.
     */
    static boolean isUserError(Throwable ex) {
        return ex instanceof UserException            // the CLI's own checks
                || ex instanceof ConfigException      // an invalid run setting (option or checkpoint)
                || ex instanceof DatasetException     // missing or malformed data files
                || ex instanceof BackendUnavailableException
                || ex instanceof CheckpointException  // a missing, malformed or mismatched checkpoint
                || ex instanceof IOException          // the file system: missing, unreadable, full
                || ex instanceof UncheckedIOException;
    }

    /** The message of a user error; a file-system error's bare path gets its reason. */
    static String userMessage(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        if (t instanceof FileSystemException f && f.getFile() != null) {
            String reason = f.getReason() != null ? f.getReason()
                    : t instanceof NoSuchFileException ? "no such file or directory"
                    : t instanceof AccessDeniedException ? "permission denied"
                    : t instanceof FileAlreadyExistsException ? "already exists"
                    : t instanceof NotDirectoryException ? "not a directory"
                    : t.getClass().getSimpleName();
            return f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": " + reason;
        }
        return ex.getMessage();
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** The version line (the pom's, from sinapsis-core) and the backends found on the class path. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            java.util.List<String> lines = new java.util.ArrayList<>();
            lines.add("sinapsis " + dev.sinapsis.Sinapsis.version() + " (Java " + System.getProperty("java.version")
                    + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
            for (dev.sinapsis.backend.BackendProvider p : dev.sinapsis.backend.Backends.providers()) {
                dev.sinapsis.backend.Availability a;
                try {
                    a = p.availability();
                } catch (RuntimeException | LinkageError e) {
                    a = dev.sinapsis.backend.Availability.no("probing it failed: " + e, "");
                }
                String extra = p.name().equals("cpu") ? (java.util.ServiceLoader.load(
                        dev.sinapsis.backend.cpu.gemm.NativeGemm.class).findFirst().isPresent()
                        ? ", ND4J fast path on the class path" : ", pure Java") : "";
                lines.add(String.format(java.util.Locale.ROOT, "backend %-7s %s%s", p.name(),
                        a.available() ? "available" : "not available: " + a.reason(), extra));
            }
            return lines.toArray(new String[0]);
        }
    }
}
