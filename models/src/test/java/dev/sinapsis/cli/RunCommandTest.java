package dev.sinapsis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.sinapsis.examples.Example;
import dev.sinapsis.examples.Examples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sinapsis run}: the list, its errors, the tagger's defining property and determinism. */
class RunCommandTest {
    @TempDir
    Path tmp;

    @Test
    void listShowsEveryExampleOnOneLine() {
        Cli r = Cli.run("run", "--list");
        assertEquals(0, r.code(), r::toString);
        String[] lines = r.out().strip().split("\\R");
        List<String> names = Arrays.stream(lines).map(l -> l.split("\\s+")[0]).toList();
        assertEquals(Examples.all().stream().map(Example::name).toList(), names, r::toString);
        assertTrue(names.indexOf("tagger") < names.indexOf("conjugation"), r::toString);
        int chapter = 0;
        for (String line : lines) {                 // course order: the chapters never go back
            Matcher m = Pattern.compile("\\s+ch\\. (\\d+)").matcher(line);
            if (m.find()) {
                assertTrue(Integer.parseInt(m.group(1)) >= chapter, r::toString);
                chapter = Integer.parseInt(m.group(1));
            }
        }
    }

    @Test
    void userErrorsAreOneLine() {
        assertOneLineError(Cli.run("run", "boltzmann"), Main.EXIT_USAGE, "unknown example 'boltzmann'", "conjugation");
        assertOneLineError(Cli.run("run"), Main.EXIT_USAGE, "missing the example's name");
        assertOneLineError(Cli.run("run", "tagger", "--teacher-forcing", "0.5"), Main.EXIT_USAGE,
                "--teacher-forcing applies to: conjugation");
        assertOneLineError(Cli.run("run", "conjugation", "--teacher-forcing", "1.5", "--out", tmp.toString()),
                Main.EXIT_FAILURE, "--teacher-forcing must be a ratio in [0, 1], got 1.5");
        assertOneLineError(Cli.run("run", "tagger", "--epochs", "0", "--out", tmp.toString()), Main.EXIT_FAILURE,
                "--epochs must be in [1, 1000]");
        assertOneLineError(Cli.run("run", "tagger", "--backend", "nope"), Main.EXIT_FAILURE, "nope");
    }

    /** The tagger's defining property at its defaults: it beats the most-frequent-tag baseline. */
    @Test
    void taggerBeatsTheMostFrequentTagBaseline() throws Exception {
        Path out = tmp.resolve("tagger");
        Cli r = Cli.run("run", "tagger", "--backend", "cpu", "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        String json = Files.readString(out.resolve("summary.json")).strip();
        System.out.println("RunCommandTest: " + json);
        double model = number(json, "heldout_accuracy");
        double baseline = number(json, "baseline_accuracy");
        assertTrue(model >= baseline + 0.05, "tagger " + model + " vs baseline " + baseline);
        assertTrue(Files.size(out.resolve("loss.png")) > 1000 && Files.size(out.resolve("accuracy.png")) > 1000);
        assertTrue(r.out().contains("most-frequent-tag"), r::toString);
    }

    /** Same seed, same result; another seed, another result. */
    @Test
    void sameSeedSameResult() throws Exception {
        String a = figures(run("tagger", "a", "--epochs", "3", "--seed", "5"));
        String b = figures(run("tagger", "b", "--epochs", "3", "--seed", "5"));
        String c = figures(run("tagger", "c", "--epochs", "3", "--seed", "6"));
        assertEquals(a, b);
        assertFalse(a.equals(c), "seed 6 gave the same figures as seed 5: " + a);
    }

    private String run(String example, String dir, String... args) throws Exception {
        Path out = tmp.resolve(dir);
        String[] all = new String[args.length + 6];
        all[0] = "run";
        all[1] = example;
        all[2] = "--backend";
        all[3] = "cpu";
        all[4] = "--out";
        all[5] = out.toString();
        System.arraycopy(args, 0, all, 6, args.length);
        Cli r = Cli.run(all);
        assertEquals(0, r.code(), r::toString);
        return Files.readString(out.resolve("summary.json"));
    }

    /** The summary without what may differ between identical runs (time, output directory). */
    private static String figures(String json) {
        return json.replaceAll("\"train_seconds\":[0-9.]+,", "").replaceAll("\"out\":\"[^\"]*\"", "");
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([0-9.]+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    private static void assertOneLineError(Cli r, int code, String... fragments) {
        assertEquals(code, r.code(), r::toString);
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, () -> "expected one line on stderr\n" + r);
        assertTrue(lines[0].startsWith("sinapsis: error: "), r::toString);
        for (String f : fragments) {
            assertTrue(lines[0].contains(f), () -> "missing '" + f + "'\n" + r);
        }
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r::toString);
    }
}
