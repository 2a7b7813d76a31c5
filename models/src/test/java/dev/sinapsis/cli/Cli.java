package dev.sinapsis.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@link Main#execute} in-process and captures what it prints. */
record Cli(int code, String out, String err) {
    static Cli run(String... args) {
        return runWithInput(null, args);
    }

    /** As {@link #run}, with {@code input} (UTF-8) as standard input. */
    static Cli runWithInput(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.execute(args, input == null ? null
                    : new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), o, e);
        }
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
