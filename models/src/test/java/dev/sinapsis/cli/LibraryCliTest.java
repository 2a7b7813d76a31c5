package dev.sinapsis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --version}, {@code shell}, the model summary of {@code train}, and what the CLI logs. */
class LibraryCliTest {
    private static final String[] RUN = {"train", "mlp", "--epochs", "1", "--train-limit", "128", "--test-limit", "64",
            "--hidden", "16", "--batch", "32", "--backend", "cpu"};

    @TempDir
    Path tmp;

    @Test
    void versionIsThePomsAndListsTheBackends() {
        Cli r = Cli.run("--version");
        assertEquals(0, r.code(), r.toString());
        String[] lines = r.out().strip().split("\\R");
        // the pom's version, handed to the test by Surefire, not read from the same resource
        assertTrue(lines[0].startsWith("sinapsis " + System.getProperty("sinapsis.expectedVersion") + " (Java 17"),
                r.toString());
        assertTrue(r.out().contains("backend cpu     available, ND4J fast path on the class path"), r.toString());
        assertTrue(r.out().contains("backend opencl "), r.toString());
    }

    @Test
    void shellRunsALineWithSinapsisImported() {
        Cli r = Cli.runWithInput("var t = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);\n"
                + "System.out.println(\"sum=\" + t.sum().item() + \" shape=\" + t.shape());\n/exit\n", "shell");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("sum=10.0 shape=[2,2]"), r.toString());
        // the snippets' JVM starts the CPU backend and so ND4J, whose start-up lines stay quiet there too
        assertFalse((r.out() + r.err()).contains("INFO"), r.toString());
        assertFalse((r.out() + r.err()).contains("SLF4J"), r.toString());
    }

    @Test
    void shellReportsACompileErrorOfTheUsersLine() {
        Cli r = Cli.runWithInput("Tensor.nosuch();\n/exit\n", "shell");
        assertTrue((r.out() + r.err()).contains("cannot find symbol"), r.toString());
    }

    @Test
    void trainPrintsTheSummaryAndLogsNothingByDefault() throws IOException, InterruptedException {
        String quiet = child("quiet", RUN);
        // 784*16+16 + 16*10+10 = 12,730 parameters, shown in the Keras-style table before the first epoch
        assertTrue(quiet.contains("Total params: 12,730"), quiet);
        assertTrue(quiet.indexOf("Total params") < quiet.indexOf("epoch 1/1"), quiet);
        assertFalse(quiet.contains("SLF4J"), quiet);
        assertFalse(quiet.contains("sinapsis: INFO") || quiet.contains("sinapsis: DEBUG"), quiet);
        String verbose = child("verbose", with(RUN, "--verbose"));
        assertTrue(verbose.contains("sinapsis: DEBUG MatmulEngine: every product runs on the Java GEMM"), verbose);
        assertFalse(verbose.contains("SLF4J"), verbose);
    }

    private String child(String name, String... args) throws IOException, InterruptedException {
        Path log = tmp.resolve(name + ".log");
        Process p = ChildCli.start(log, with(args, "--out", tmp.resolve(name).toString()));
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "still running");
        String out = ChildCli.output(log);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static String[] with(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
