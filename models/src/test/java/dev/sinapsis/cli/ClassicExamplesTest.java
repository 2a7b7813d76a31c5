package dev.sinapsis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sinapsis run} for the classic examples (genetic, neuroevolution, som, kmeans, hopfield, rbm),
 * shortened with {@code --epochs}: each prints its figures and writes summary.json and its pictures;
 * same seed, same result. Their defining properties are tested beside their classes.
 */
class ClassicExamplesTest {
    @TempDir
    Path tmp;

    @Test
    void eachWritesItsSummaryAndPictures() throws Exception {
        check("genetic", List.of("fitness.png"), "Best f =", "--epochs", "30");
        check("neuroevolution", List.of("fitness.png"), "unseen start states", "--epochs", "2");
        check("som", List.of("colour-map.png", "mnist-map.png", "errors.png"), "Topographic error", "--epochs", "1");
        check("kmeans", List.of("centres.png", "inertia.png"), "Purity", "--epochs", "2");
        check("hopfield", List.of("recall.png", "energy.png", "capacity.png"), "Recall falls below one half",
                "--epochs", "2");
        check("rbm", List.of("likelihood.png", "reconstruction.png", "filters-cd1.png", "filters-pcd1.png",
                "samples.png"), "reconstruction error", "--epochs", "1");
    }

    /** Same seed, same figures; another seed, other figures: for a host example and a tensor one. */
    @Test
    void sameSeedSameResult() throws Exception {
        for (String[] example : List.of(new String[] {"genetic", "20"}, new String[] {"kmeans", "3"})) {
            String a = figures(run(example[0], "a", "--epochs", example[1], "--seed", "5"));
            String b = figures(run(example[0], "b", "--epochs", example[1], "--seed", "5"));
            String c = figures(run(example[0], "c", "--epochs", example[1], "--seed", "6"));
            assertEquals(a, b, example[0]);
            assertFalse(a.equals(c), example[0] + ": seed 6 gave the same figures as seed 5: " + a);
        }
    }

    @Test
    void userErrorsAreOneLine() {
        Cli r = Cli.run("run", "hopfield", "--epochs", "0", "--out", tmp.toString());
        assertEquals(Main.EXIT_FAILURE, r.code(), r::toString);
        assertTrue(r.err().strip().startsWith("sinapsis: error: --epochs (the most sweeps) must be in [1, 1000]"),
                r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
        Cli host = Cli.run("run", "genetic", "--backend", "cpu", "--out", tmp.toString());
        assertEquals(Main.EXIT_USAGE, host.code(), host::toString);
        assertTrue(host.err().contains("--backend does not apply to genetic"), host::toString);
    }

    private void check(String example, List<String> pictures, String figure, String... args) throws Exception {
        Path out = tmp.resolve(example);
        Cli r = Cli.run(concat(withBackend(example, "run", example, "--out", out.toString()), args));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains(figure), () -> example + " printed no '" + figure + "'\n" + r);
        String json = Files.readString(out.resolve("summary.json"));
        assertTrue(json.startsWith("{\"example\":\"" + example + "\""), json);
        for (String p : pictures) {
            Path png = out.resolve(p);
            assertTrue(Files.isRegularFile(png) && Files.size(png) > 2000, example + ": " + p);
        }
    }

    private String run(String example, String dir, String... args) throws Exception {
        Path out = tmp.resolve(example + "-" + dir);
        Cli r = Cli.run(concat(withBackend(example, "run", example, "--out", out.toString()), args));
        assertEquals(0, r.code(), r::toString);
        return Files.readString(out.resolve("summary.json"));
    }

    /** The summary without what may differ between identical runs (time, output directory). */
    private static String figures(String json) {
        return json.replaceAll("\"seconds\":[0-9.]+,", "").replaceAll("\"out\":\"[^\"]*\"", "");
    }

    /** The arguments, with {@code --backend cpu} for an example that computes with tensors. */
    private static String[] withBackend(String example, String... args) {
        boolean tensors = dev.sinapsis.examples.Examples.find(example).orElseThrow().usesTensors();
        return tensors ? concat(args, new String[] {"--backend", "cpu"}) : args;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
