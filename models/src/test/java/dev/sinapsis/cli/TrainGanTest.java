package dev.sinapsis.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train gan} on a slice of the embedded data writes its grids, plots, quality figures and
 * summary; a run stopped after epoch 1 and resumed ends bit-identical to one done in one go (both
 * networks, both optimizers' moments, the noise generator); {@code sample} draws from the run.
 */
class TrainGanTest {
    @TempDir
    Path tmp;

    private static final String[] RUN = {"train", "gan", "--epochs", "2", "--train-limit", "256", "--test-limit", "100", "--batch", "32",
            "--hidden", "32,64", "--latent", "16", "--quality-samples", "100", "--label-smoothing", "0.1", "--seed", "5"};

    private static String[] with(String... more) {
        String[] all = new String[RUN.length + more.length];
        System.arraycopy(RUN, 0, all, 0, RUN.length);
        System.arraycopy(more, 0, all, RUN.length, more.length);
        return all;
    }

    @Test
    void ganRunWritesItsFilesResumesExactlyAndSamples() throws Exception {
        Path whole = tmp.resolve("whole");
        Cli a = Cli.run(with("--out", whole.toString()));
        assertEquals(0, a.code(), a::toString);
        assertTrue(a.out().contains("Real-data reference (100 test images against 256 training images, mnist"), a::toString);
        assertTrue(a.out().contains("generated") && a.out().contains("real test"), a::toString);
        assertTrue(a.out().contains("epoch 2/2") && a.out().contains("D(G(z))"), a::toString);
        String[] lines = a.out().strip().split("\\R");
        String json = lines[lines.length - 1];
        assertTrue(json.startsWith("{\"model\":\"gan\""), json);
        for (String key : new String[] {"fid", "is", "confident", "classes", "class_entropy", "real_fid", "real_is",
            "real_confident", "real_classes", "latent", "label_smoothing", "train_seconds"}) {
            assertTrue(json.contains("\"" + key + "\":"), key + " missing from " + json);
        }
        assertEquals(json, Files.readString(whole.resolve("summary.json")).strip());
        for (String f : new String[] {"samples/epoch-001.png", "samples/epoch-002.png", "samples.png", "losses.png",
            "fid.png", "is.png", "metrics.csv", "model.safetensors", "checkpoint.safetensors"}) {
            assertTrue(Files.size(whole.resolve(f)) > 0, f);
        }
        BufferedImage grid = ImageIO.read(whole.resolve("samples.png").toFile());
        assertEquals(8 * (28 * 2 + 2) + 2, grid.getWidth());
        assertEquals(grid.getWidth(), grid.getHeight());
        List<String> csv = Files.readAllLines(whole.resolve("metrics.csv"));
        assertEquals(3, csv.size());
        assertTrue(csv.get(0).contains("train_loss_d,train_loss_g,train_d_real,train_d_fake,eval_fid,eval_is,"
                + "eval_confident,eval_classes,eval_class_entropy"), csv.get(0));

        Path parts = tmp.resolve("parts");
        Cli b1 = Cli.run(with("--out", parts.toString(), "--stop-after", "1"));
        assertEquals(0, b1.code(), b1::toString);
        Cli b2 = Cli.run("train", "--resume", parts.toString());
        assertEquals(0, b2.code(), b2::toString);
        assertTrue(b2.out().contains("Resuming") && b2.out().contains("epoch 2/2"), b2::toString);
        Map<String, Tensor> ca = SafeTensors.read(whole.resolve("checkpoint.safetensors")).tensors();
        Map<String, Tensor> cb = SafeTensors.read(parts.resolve("checkpoint.safetensors")).tensors();
        assertEquals(ca.keySet(), cb.keySet());
        assertTrue(ca.keySet().stream().anyMatch(k -> k.startsWith("optimizer_g."))
                && ca.keySet().stream().anyMatch(k -> k.startsWith("optimizer_d.")), ca.keySet()::toString);
        for (String k : ca.keySet()) {
            assertArrayEquals(ca.get(k).to(dev.sinapsis.tensor.DType.F64).toDoubleArray(),
                    cb.get(k).to(dev.sinapsis.tensor.DType.F64).toDoubleArray(), "checkpoints differ in " + k);
        }
        assertEquals(learning(whole), learning(parts));

        Path png = tmp.resolve("grid.png");
        Cli s = Cli.run("sample", whole.toString(), "--n", "12", "--seed", "3", "--out", png.toString());
        assertEquals(0, s.code(), s::toString);
        BufferedImage sampled = ImageIO.read(png.toFile());
        assertEquals(4 * (28 * 2 + 2) + 2, sampled.getWidth()); // ceil(sqrt(12)) = 4 columns
        assertEquals(3 * (28 * 2 + 2) + 2, sampled.getHeight());
        Path strip = tmp.resolve("strip.png");
        Cli i = Cli.run("sample", whole.toString(), "--interpolate", "--n", "20", "--steps", "5", "--out", strip.toString());
        assertEquals(0, i.code(), i::toString);
        assertTrue(i.out().contains("4 interpolation row(s) of 5 images"), i::toString);
        assertEquals(5 * (28 * 2 + 2) + 2, ImageIO.read(strip.toFile()).getWidth());
    }

    /** metrics.csv without the timing columns (the last two). */
    private static List<String> learning(Path dir) throws Exception {
        return Files.readAllLines(dir.resolve("metrics.csv")).stream().map(l -> {
            List<String> cells = List.of(l.split(","));
            return String.join(",", cells.subList(0, cells.size() - 2));
        }).toList();
    }
}
