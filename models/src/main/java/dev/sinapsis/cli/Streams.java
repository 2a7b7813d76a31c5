package dev.sinapsis.cli;

import java.io.PrintStream;
import picocli.CommandLine;

/** The byte streams a command writes to: those given to {@link Main#execute}, else the process's. */
final class Streams {
    private static final ThreadLocal<PrintStream[]> CURRENT = new ThreadLocal<>();

    private Streams() {
    }

    static void set(PrintStream out, PrintStream err) {
        CURRENT.set(new PrintStream[] {out, err});
    }

    static void clear() {
        CURRENT.remove();
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
