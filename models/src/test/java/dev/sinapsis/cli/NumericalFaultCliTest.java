package dev.sinapsis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A diverging run (an absurd SGD learning rate) stops with one line naming where the loss became
 * non-finite, and with {@code --detect-anomaly} one line naming the op, its shapes and dtype:
 * a numerical fault of the run (exit 1), not an internal error.
 */
class NumericalFaultCliTest {
    @TempDir
    Path tmp;

    private static final String[] RUN = {"train", "mlp", "--epochs", "1", "--train-limit", "200", "--test-limit", "100",
            "--hidden", "16", "--batch", "20", "--optimizer", "sgd", "--lr", "1e30", "--backend", "cpu"};

    private static String[] with(String... more) {
        String[] all = new String[RUN.length + more.length];
        System.arraycopy(RUN, 0, all, 0, RUN.length);
        System.arraycopy(more, 0, all, RUN.length, more.length);
        return all;
    }

    private static String oneErrorLine(Cli r) {
        String[] lines = r.err().strip().split("\\R");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("sinapsis: error: ") && !r.err().contains("\tat "), r::toString);
        return last;
    }

    @Test
    void divergingRunStopsWithOneLine() {
        Cli r = Cli.run(with("--out", tmp.resolve("a").toString()));
        assertEquals(1, r.code(), r::toString);
        String line = oneErrorLine(r);
        assertTrue(line.matches("sinapsis: error: the loss became (NaN|Infinity) at epoch 1, step \\d+ \\(the step was"
                + " not applied\\); no checkpoint was saved yet .*--detect-anomaly.*"), line);
        System.out.println("NumericalFaultCliTest: " + line);
    }

    @Test
    void detectAnomalyNamesTheOp() {
        Cli r = Cli.run(with("--out", tmp.resolve("b").toString(), "--detect-anomaly"));
        assertEquals(1, r.code(), r::toString);
        String line = oneErrorLine(r);
        assertTrue(line.matches("sinapsis: error: anomaly detected in the (forward|backward) of '[a-zA-Z]+': .*F32.*"
                + "numerical fault of this run.*--lr.*"), line);
        System.out.println("NumericalFaultCliTest: " + line);
    }
}
