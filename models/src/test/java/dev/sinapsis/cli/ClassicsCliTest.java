package dev.sinapsis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sinapsis run} for the classic examples (Hodgkin–Huxley, perceptron, XOR, regressions,
 * family tree): each writes its summary and pictures, takes its own options, rejects bad ones in
 * one line, and gives the same result for the same seed. Their defining properties are tested in
 * {@code dev.sinapsis.examples}; the runs here are kept short.
 */
class ClassicsCliTest {
    @TempDir
    Path tmp;

    @Test
    void hodgkinHuxleyWritesItsFiguresAndPictures() throws Exception {
        Path out = tmp.resolve("hh");
        Cli r = Cli.run("run", "hodgkin-huxley", "--current", "10", "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        String json = summary(out, "trace.png", "fi-curve.png");
        assertEquals(-65.0, number(json, "resting_potential_mv"), 0.1);
        double from = number(json, "repetitive_firing_from_ua_cm2");
        assertTrue(from > 5 && from < 8, "repetitive firing from " + from + " uA/cm2 (the 1952 model: about 6.3)");
        assertTrue(number(json, "peak_mv") > 30);
        assertTrue(r.out().contains("Resting potential") && r.out().contains("f-I curve"), r::toString);
    }

    @Test
    void eachTensorExampleWritesItsSummaryAndPictures() throws Exception {
        assertEquals(0, run("perceptron", "p").code());
        summary(tmp.resolve("p"), "boundaries.png", "errors.png");
        assertEquals(0, run("xor", "x", "--epochs", "200", "--hidden", "3").code());
        assertTrue(summary(tmp.resolve("x"), "boundary.png", "loss.png").contains("\"hidden\":3"));
        assertEquals(0, run("linear-regression", "lin", "--epochs", "20").code());
        summary(tmp.resolve("lin"), "fit.png", "loss.png");
        assertEquals(0, run("logistic-regression", "log", "--epochs", "30").code());
        summary(tmp.resolve("log"), "boundary.png", "loss.png");
        Cli ft = run("family-tree", "ft", "--epochs", "20");
        assertEquals(0, ft.code(), ft::toString);
        summary(tmp.resolve("ft"), "person-codes.png", "loss.png");
        assertTrue(ft.out().contains("Held-out queries answered exactly"), ft::toString);
    }

    @Test
    void sameSeedSameResult() throws Exception {
        String a = figures(run("xor", "a", "--epochs", "50", "--seed", "5"), "a");
        String b = figures(run("xor", "b", "--epochs", "50", "--seed", "5"), "b");
        String c = figures(run("xor", "c", "--epochs", "50", "--seed", "6"), "c");
        assertEquals(a, b);
        assertFalse(a.equals(c), "seed 6 gave the same figures as seed 5: " + a);
        String f1 = figures(run("family-tree", "f1", "--epochs", "5", "--seed", "3"), "f1");
        String f2 = figures(run("family-tree", "f2", "--epochs", "5", "--seed", "3"), "f2");
        assertEquals(f1, f2);
    }

    @Test
    void optionErrorsAreOneLine() {
        String out = "--out=" + tmp.resolve("e");
        assertError(Cli.run("run", "hodgkin-huxley", "--backend", "cpu"), Main.EXIT_USAGE,
                "--backend does not apply to hodgkin-huxley");
        assertError(Cli.run("run", "hodgkin-huxley", "--current", "ten", out), Main.EXIT_FAILURE,
                "--current must be a number, got 'ten'");
        assertError(Cli.run("run", "hodgkin-huxley", "--dt", "0.5", out), Main.EXIT_FAILURE,
                "--dt must be in [0.0001, 0.1], got 0.5");
        assertError(Cli.run("run", "hodgkin-huxley", "--dt", "0.1", out), Main.EXIT_FAILURE,
                "--dt: Euler's method diverged");
        assertError(Cli.run("run", "hodgkin-huxley", "--epochs", "3", out), Main.EXIT_FAILURE,
                "--epochs does not apply to hodgkin-huxley");
        assertError(Cli.run("run", "perceptron", "--current", "5"), Main.EXIT_USAGE,
                "--current applies to: hodgkin-huxley");
        assertError(Cli.run("run", "perceptron", "--bogus", "1"), Main.EXIT_USAGE, "unknown option '--bogus'");
        assertError(Cli.run("run", "xor", "--hidden"), Main.EXIT_USAGE, "--hidden needs a value");
        assertError(Cli.run("run", "xor", "--hidden", "2", "--hidden=3"), Main.EXIT_USAGE, "--hidden is given twice");
        assertError(Cli.run("run", "xor", "--hidden", "0", out), Main.EXIT_FAILURE, "--hidden must be in [1, 64], got 0");
        assertError(Cli.run("run", "xor", "extra"), Main.EXIT_USAGE, "unexpected argument 'extra'");
        assertError(Cli.run("run", "--list", "--dt", "1"), Main.EXIT_USAGE, "--list takes no other arguments");
        assertError(Cli.run("run", "family-tree", "--epochs", "0", out), Main.EXIT_FAILURE, "--epochs must be in");
    }

    private Cli run(String example, String dir, String... args) {
        String[] all = new String[args.length + 6];
        all[0] = "run";
        all[1] = example;
        all[2] = "--backend";
        all[3] = "cpu";
        all[4] = "--out";
        all[5] = tmp.resolve(dir).toString();
        System.arraycopy(args, 0, all, 6, args.length);
        return Cli.run(all);
    }

    /** The summary written into {@code out}, after checking it and the pictures are there. */
    private static String summary(Path out, String... pictures) throws Exception {
        for (String p : pictures) {
            assertTrue(Files.size(out.resolve(p)) > 2000, p + " in " + out);
        }
        String json = Files.readString(out.resolve("summary.json")).strip();
        assertTrue(json.startsWith("{\"example\":"), json);
        return json;
    }

    /** The summary without what may differ between identical runs (time, output directory). */
    private String figures(Cli r, String dir) throws Exception {
        assertEquals(0, r.code(), r::toString);
        return Files.readString(tmp.resolve(dir).resolve("summary.json")).replaceAll("\"out\":\"[^\"]*\"", "");
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.]+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    private static void assertError(Cli r, int code, String fragment) {
        assertEquals(code, r.code(), r::toString);
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, () -> "expected one line on stderr\n" + r);
        assertTrue(lines[0].startsWith("sinapsis: error: ") && lines[0].contains(fragment), r::toString);
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r::toString);
    }
}
