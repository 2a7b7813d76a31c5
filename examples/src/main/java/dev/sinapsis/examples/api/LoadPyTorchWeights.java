package dev.sinapsis.examples.api;

import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.nn.Linear;
import dev.sinapsis.nn.Sequential;
import dev.sinapsis.nn.Tanh;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PyTorch weights in a Sinapsis model: {@code make_pytorch_mlp.py} trained
 * {@code torch.nn.Sequential(Linear(4, 16), Tanh(), Linear(16, 3))} and saved its state dict as
 * safetensors; the same {@link Sequential} here has the same parameter names ({@code 0.weight},
 * {@code 0.bias}, {@code 2.weight}, {@code 2.bias}) and layouts, so {@code loadStateDict} takes it as is
 * and the model gives PyTorch's logits.
 */
public final class LoadPyTorchWeights {
    private LoadPyTorchWeights() {
    }

    /** The largest logit difference from PyTorch's, and how many of the 6 predicted classes agree. */
    public record Result(double maxDifference, int sameClass) {
    }

    public static void main(String[] args) throws IOException {
        run(System.out);
    }

    /** Loads the weights, predicts the 6 stored inputs and compares with PyTorch's logits. */
    public static Result run(PrintStream out) throws IOException {
        float[][] rows = expected();
        try (MemoryScope scope = MemoryScope.open();
             Sequential model = new Sequential(new Linear(4, 16), new Tanh(), new Linear(16, 3))) {
            SafeTensors.Contents weights = SafeTensors.read(resourceFile("pytorch_mlp.safetensors"));
            out.println("state dict from PyTorch: " + weights.tensors().keySet());
            model.loadStateDict(weights.tensors());
            model.eval();
            int n = rows.length;
            float[] inputs = new float[n * 4];
            for (int i = 0; i < n; i++) {
                System.arraycopy(rows[i], 0, inputs, 4 * i, 4);
            }
            float[] logits = model.forward(Tensor.of(inputs, n, 4)).toFloatArray();
            double worst = 0;
            int same = 0;
            for (int i = 0; i < n; i++) {
                int mine = 0;
                int theirs = 0;
                for (int k = 0; k < 3; k++) {
                    worst = Math.max(worst, Math.abs(logits[3 * i + k] - rows[i][4 + k]));
                    mine = logits[3 * i + k] > logits[3 * i + mine] ? k : mine;
                    theirs = rows[i][4 + k] > rows[i][4 + theirs] ? k : theirs;
                }
                same += mine == theirs ? 1 : 0;
                out.printf(Locale.ROOT, "input %d: Sinapsis logits %8.4f %8.4f %8.4f  PyTorch %8.4f %8.4f %8.4f  class %d/%d%n",
                        i, logits[3 * i], logits[3 * i + 1], logits[3 * i + 2], rows[i][4], rows[i][5], rows[i][6],
                        mine, theirs);
            }
            out.printf(Locale.ROOT, "largest logit difference: %.2e; same class for %d of %d inputs%n", worst, same, n);
            return new Result(worst, same);
        }
    }

    /** The resource copied to a temporary file (SafeTensors reads files; the resource may be inside a jar). */
    private static Path resourceFile(String name) throws IOException {
        Path file = Files.createTempFile("sinapsis-example", ".safetensors");
        file.toFile().deleteOnExit();
        try (InputStream in = open(name)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** Each line of pytorch_mlp_expected.txt: 4 inputs, then PyTorch's 3 logits. */
    private static float[][] expected() throws IOException {
        List<float[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open("pytorch_mlp_expected.txt"),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                float[] row = new float[f.length];
                for (int i = 0; i < f.length; i++) {
                    row[i] = Float.parseFloat(f[i]);
                }
                rows.add(row);
            }
        }
        return rows.toArray(new float[0][]);
    }

    private static InputStream open(String name) {
        InputStream in = LoadPyTorchWeights.class.getResourceAsStream(name);
        if (in == null) {
            throw new UncheckedIOException(new IOException(name + " is missing next to " + LoadPyTorchWeights.class));
        }
        return in;
    }
}
