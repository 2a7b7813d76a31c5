package dev.sinapsis.cli;

import dev.sinapsis.Sinapsis;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sinapsis shell}: JShell with Sinapsis on the class path, the Vector API module added and
 * the common packages imported, to try tensors interactively. Reads standard input, so a script
 * can be piped in ({@code echo 'Tensor.ones(3).sum()' | sinapsis shell}).
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = "Open JShell with Sinapsis on the class path and its packages imported"
                + " (dev.sinapsis.tensor, nn, optim, autograd, data, backend, models). /exit leaves.")
final class ShellCommand implements Callable<Integer> {
    /** The imports every session starts with (nn.Module named, as java.lang.Module would hide it). */
    static final List<String> IMPORTS = List.of("dev.sinapsis.*", "dev.sinapsis.tensor.*", "dev.sinapsis.nn.*",
            "dev.sinapsis.nn.Module", "dev.sinapsis.optim.*", "dev.sinapsis.autograd.*", "dev.sinapsis.data.*",
            "dev.sinapsis.backend.*", "dev.sinapsis.models.*");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream out = Streams.out(spec);
        PrintStream err = Streams.err(spec);
        Path startup = Files.createTempFile("sinapsis-shell", ".jsh");
        Path logging = Files.createTempFile("sinapsis-shell-logging", ".properties");
        try {
            // the snippets run in a second JVM: give it the CLI's logging (quiet, or --verbose)
            Files.writeString(logging, Logging.asProperties(), StandardCharsets.ISO_8859_1);
            StringBuilder jsh = new StringBuilder();
            for (String i : IMPORTS) {
                jsh.append("import ").append(i).append(";\n");
            }
            Files.writeString(startup, jsh, StandardCharsets.UTF_8);
            out.println("Sinapsis " + Sinapsis.version() + " shell: " + String.join(", ", IMPORTS.subList(1, IMPORTS.size()))
                    + " are imported. Try: Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).sum()  (/exit to leave)");
            out.flush();
            String classPath = System.getProperty("java.class.path");
            return jshell().in(Streams.in(), null).out(out).err(err)
                    // its own preferences, in memory: no ~/.java/.userPrefs written
                    .persistence(new HashMap<>())
                    .start("--class-path", classPath,
                            "--add-modules", "jdk.incubator.vector",
                            "-R-Djava.awt.headless=true",
                            "-R-Djava.util.logging.config.file=" + logging,
                            "--startup", "DEFAULT", "--startup", startup.toString());
        } finally {
            for (Path p : new Path[] {startup, logging}) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    private static jdk.jshell.tool.JavaShellToolBuilder jshell() {
        try {
            return jdk.jshell.tool.JavaShellToolBuilder.builder();
        } catch (LinkageError e) {
            throw new UserException("sinapsis shell needs JShell (the jdk.jshell module): run it with a full JDK 17,"
                    + " not a JRE (" + e + ")", e);
        }
    }
}
