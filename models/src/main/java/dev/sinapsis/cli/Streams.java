package dev.sinapsis.cli;

import java.io.InputStream;
import java.io.PrintStream;
import picocli.CommandLine;

/** The byte streams a command reads and writes: those given to {@link Main#execute}, else the process's. */
final class Streams {
    private static final ThreadLocal<PrintStream[]> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<InputStream> IN = new ThreadLocal<>();

    private Streams() {
    }

    static void set(PrintStream out, PrintStream err) {
        CURRENT.set(new PrintStream[] {out, err});
    }

    static void setIn(InputStream in) {
        IN.set(in);
    }

    static void clear() {
        CURRENT.remove();
        IN.remove();
    }

    /** The standard input a command reads: the one given to {@link Main#execute}, else the process's. */
    static InputStream in() {
        InputStream in = IN.get();
        return in == null ? System.in : in;
    }

    /** The stderr given to {@link Main#execute} on this thread, else the process's. */
    static PrintStream errOrProcess() {
        PrintStream[] s = CURRENT.get();
        return s == null ? System.err : s[1];
    }

    static PrintStream out(CommandLine.Model.CommandSpec spec) {
        spec.commandLine().getOut().flush();
        PrintStream[] s = CURRENT.get();
        return s == null ? System.out : s[0];
    }

    static PrintStream err(CommandLine.Model.CommandSpec spec) {
        spec.commandLine().getErr().flush();
        PrintStream[] s = CURRENT.get();
        return s == null ? System.err : s[1];
    }
}
