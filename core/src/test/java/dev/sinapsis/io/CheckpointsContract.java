package dev.sinapsis.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.conformance.BackendTestBase;
import dev.sinapsis.nn.Module;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Module checkpoints through safetensors: round trip with metadata, strict matching, typed metadata. */
public abstract class CheckpointsContract extends BackendTestBase {
    @TempDir
    Path dir;

    /** A stand-in for a layer: a weight, a bias, an I64 buffer, and a child. */
    static final class Toy extends Module {
        final Tensor weight;
        final Tensor bias;

        Toy(int in, int out, long seed, boolean withChild) {
            Generator g = new Generator(seed);
            weight = registerParameter("weight", Tensor.randn(g, out, in));
            bias = registerParameter("bias", Tensor.randn(g, out));
            registerBuffer("steps", Tensor.of(new long[] {seed}));
            if (withChild) {
                registerModule("head", new Toy(out, 2, seed + 1, false));
            }
        }

        @Override
        public Tensor forward(Tensor input) {
            return input.matmul(weight.t()).add(bias);
        }
    }

    @Test
    void saveAndLoadRestoresEveryParameterAndBuffer() throws IOException {
        Toy source = new Toy(4, 3, 1, true);
        Toy target = new Toy(4, 3, 99, true);
        Path f = dir.resolve("toy.safetensors");
        Map<String, String> meta = Checkpoints.metadata(1200, 3, 42);
        meta.put("note", "after warm-up");
        Checkpoints.save(f, source, meta);
        Map<String, String> loaded = Checkpoints.load(f, target);
        source.stateDict().forEach((name, t) ->
                assertArrayEquals(t.toDoubleArray(), target.stateDict().get(name).toDoubleArray(), 0.0, name));
        assertEquals(List.of("weight", "bias", "steps", "head.weight", "head.bias", "head.steps"),
                List.copyOf(SafeTensors.read(f).tensors().keySet()));
        assertEquals("pt", loaded.get(Checkpoints.FORMAT));
        assertEquals(1200, Checkpoints.getLong(f, loaded, Checkpoints.STEP));
        assertEquals(3, Checkpoints.getLong(f, loaded, Checkpoints.EPOCH));
        assertEquals(42, Checkpoints.getLong(f, loaded, Checkpoints.SEED));
        assertEquals("after warm-up", loaded.get("note"));
        assertTrue(target.weight.requiresGrad(), "loading keeps parameters trainable");
        Tensor x = Tensor.ones(1, 4);
        assertArrayEquals(source.forward(x).toFloatArray(), target.forward(x).toFloatArray());
    }

    @Test
    void loadConvertsDtypes() throws IOException {
        Toy target = new Toy(2, 1, 5, false);
        Path f = dir.resolve("f64.safetensors");
        SafeTensors.write(f, Map.of("weight", Tensor.of(new double[] {0.5, -1.5}, 1, 2),
                "bias", Tensor.of(new double[] {2}), "steps", Tensor.of(new int[] {7})), null);
        Checkpoints.load(f, target);
        assertEquals(DType.F32, target.weight.dtype());
        assertArrayEquals(new float[] {0.5f, -1.5f}, target.weight.toFloatArray());
        assertArrayEquals(new long[] {7}, target.stateDict().get("steps").toLongArray());
    }

    @Test
    void mismatchedCheckpointIsRejectedAndTheModuleUnchanged() throws IOException {
        Path f = dir.resolve("other.safetensors");
        Checkpoints.save(f, new Toy(5, 3, 1, false), null);
        Toy target = new Toy(4, 3, 2, true);
        float[] before = target.weight.toFloatArray();
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.load(f, target));
        String m = e.getMessage();
        assertTrue(m.startsWith(f + ": does not fit the module"), m);
        assertTrue(m.contains("'weight' has shape [3,5] but the module expects [3,4]"), m);
        assertTrue(m.contains("missing 'head.weight'"), m);
        assertArrayEquals(before, target.weight.toFloatArray());
        assertEquals(Shape.of(3, 4), target.weight.shape());
    }

    @Test
    void metadataAccessorsGiveClearErrors() {
        Path f = Path.of("run.safetensors");
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Checkpoints.getLong(f, Map.of("format", "pt"), Checkpoints.STEP));
        assertEquals("run.safetensors: metadata has no 'sinapsis.step'; it has [format]", e.getMessage());
        e = assertThrows(CheckpointException.class,
                () -> Checkpoints.getLong(f, Map.of(Checkpoints.EPOCH, "3.5"), Checkpoints.EPOCH));
        assertEquals("run.safetensors: metadata 'sinapsis.epoch' is \"3.5\", not an integer", e.getMessage());
    }
}
