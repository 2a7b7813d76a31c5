package dev.sinapsis.models.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.models.ConfigException;
import dev.sinapsis.models.ModelConfig;
import dev.sinapsis.nn.Module;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GanSpec's shapes and metadata, the interpolation's closed form, the DCGAN initialisation. */
class GanPartsTest {
    @Test
    void specsBuildTheDocumentedShapesAndRoundTripThroughMetadata() {
        int[] mnist = {1, 28, 28};
        for (GanSpec spec : new GanSpec[] {GanSpec.defaults("gan", mnist), new GanSpec("dcgan", 10, new int[] {8}, mnist),
                new GanSpec("dcgan", 10, new int[] {8}, mnist, 0, true)}) {
            Module g = spec.generator(new Generator(1));
            Module d = spec.discriminator(new Generator(2), new Generator(3));
            Tensor images = g.forward(Tensor.randn(new Generator(3), 5, spec.latent()));
            assertArrayEquals(new int[] {5, 1, 28, 28}, images.shape().toArray(), spec.toString());
            double[] px = images.toDoubleArray();
            assertTrue(java.util.Arrays.stream(px).allMatch(v -> v >= -1 && v <= 1), "tanh range");
            assertArrayEquals(new int[] {5}, d.forward(images).shape().toArray());
            assertEquals(spec, ModelConfig.fromMetadata(spec.toMetadata()));
        }
        // the default MLP pair: G 100-256-512-1024-784 (with batch norm), D 784-1024-512-256-1, no dropout
        GanSpec d = GanSpec.defaults("gan", mnist);
        assertEquals(0, d.dropout());
        long gParams = 100 * 256 + 2 * 256 + 256 * 512 + 2 * 512 + 512 * 1024 + 2 * 1024 + (1024 * 784 + 784);
        long dParams = (784 * 1024 + 1024) + (1024 * 512 + 512) + (512 * 256 + 256) + (256 + 1);
        assertEquals(gParams, d.generator(new Generator(1)).parameterCount());
        assertEquals(dParams, d.discriminator(new Generator(1), new Generator(2)).parameterCount());
    }

    @Test
    void theRefinedDcganAddsAStrideOneBlockPerStageAndOldRunsLoadWithoutIt() {
        int[] mnist = {1, 28, 28};
        GanSpec plain = new GanSpec("dcgan", 100, new int[] {64}, mnist);
        GanSpec refined = GanSpec.defaults("dcgan", mnist);
        assertTrue(refined.refine());
        assertEquals(64, refined.widths()[0]);
        // G: ConvT 3x3 128->128 and 64->64 with their batch norms; D: Conv 3x3 128->128 and its batch norm
        long gExtra = 128L * 128 * 9 + 2 * 128 + 64L * 64 * 9 + 2 * 64;
        long dExtra = 128L * 128 * 9 + 2 * 128;
        assertEquals(plain.generator(new Generator(1)).parameterCount() + gExtra,
                refined.generator(new Generator(1)).parameterCount());
        assertEquals(plain.discriminator(new Generator(1), null).parameterCount() + dExtra,
                refined.discriminator(new Generator(1), null).parameterCount());
        assertTrue(refined.toString().contains("refined"), refined.toString());
        assertNotEquals(plain, refined);
        // a run written before the flag existed has no key: the paper's layout
        Map<String, String> old = new java.util.HashMap<>(plain.toMetadata());
        old.remove("sinapsis.model.refine");
        assertEquals(plain, ModelConfig.fromMetadata(old));
        old.put("sinapsis.model.refine", "yes");
        ConfigException e = assertThrows(ConfigException.class, () -> ModelConfig.fromMetadata(old));
        assertTrue(e.getMessage().contains("sinapsis.model.refine"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> new GanSpec("gan", 100, new int[] {8}, mnist, 0, true));
        assertTrue(e.getMessage().contains("dcgan"), e.getMessage());
    }

    @Test
    void badSpecsAndMetadataAreConfigErrorsNamingTheProblem() {
        ConfigException e = assertThrows(ConfigException.class, () -> new GanSpec("dcgan", 100, new int[] {64},
                new int[] {1, 30, 30}));
        assertTrue(e.getMessage().contains("multiples of 4"), e.getMessage());
        assertThrows(ConfigException.class, () -> new GanSpec("gan", 0, new int[] {8}, new int[] {1, 28, 28}));
        assertThrows(ConfigException.class, () -> new GanSpec("vae", 10, new int[] {8}, new int[] {1, 28, 28}));
        Map<String, String> meta = new java.util.HashMap<>(GanSpec.defaults("gan", new int[] {1, 28, 28}).toMetadata());
        meta.put("sinapsis.model.latent", "ten");
        e = assertThrows(ConfigException.class, () -> ModelConfig.fromMetadata(meta));
        assertTrue(e.getMessage().contains("sinapsis.model.latent"), e.getMessage());
    }

    @Test
    void interpolationRowsGoStraightFromOneEndToTheOther() {
        Tensor z = Interpolation.rows(new Generator(4), 3, 5, 6);
        assertArrayEquals(new int[] {15, 6}, z.shape().toArray());
        double[] v = z.toDoubleArray();
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 6; k++) {
                double a = v[(r * 5) * 6 + k];
                double b = v[(r * 5 + 4) * 6 + k];
                for (int s = 0; s < 5; s++) {
                    assertEquals(a + s / 4.0 * (b - a), v[(r * 5 + s) * 6 + k], 1e-6);
                }
            }
        }
        assertTrue(v[0] != v[6 * 5], "each row has its own end points");
    }

    @Test
    void dcganWeightsStartFromTheDcganInitialisation() {
        Module g = new GanSpec("dcgan", 100, new int[] {64}, new int[] {1, 28, 28}).generator(new Generator(9));
        Tensor w = g.stateDict().get("net.0.weight"); // ConvTranspose2d(100, 128, 7x7): 627,200 draws
        double[] x = w.toDoubleArray();
        double mean = java.util.Arrays.stream(x).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(x).map(t -> (t - mean) * (t - mean)).sum() / x.length);
        assertEquals(0, mean, 1e-3);
        assertEquals(0.02, sd, 2e-4);
        double[] gamma = g.stateDict().get("net.1.weight").toDoubleArray();
        assertEquals(1, java.util.Arrays.stream(gamma).average().orElseThrow(), 0.01);
    }
}
