package dev.sinapsis.models.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.autograd.GradCheck;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RandomTranslationTest {
    @Test
    void shiftsEachImageByItsOwnOffsetAndFillsTheUncoveredBorder() {
        // two 1x3x4 images holding 1..12 and 13..24; the first moved by (dy, dx) = (1, -1), the second by (0, 2)
        float[] data = new float[24];
        for (int i = 0; i < 24; i++) {
            data[i] = i + 1;
        }
        Tensor out = new RandomTranslation(2, -1).shifted(Tensor.of(data, 2, 1, 3, 4), new long[] {1, -1, 0, 2});
        assertArrayEquals(new float[] {
            -1, 5, 6, 7,
            -1, 9, 10, 11,
            -1, -1, -1, -1,
            15, 16, -1, -1,
            19, 20, -1, -1,
            23, 24, -1, -1}, out.toFloatArray());
        assertEquals(Shape.of(2, 1, 3, 4), out.shape());
    }

    @Test
    void theShiftsComeFromTheGeneratorAndStayWithinTheLimit() {
        Tensor x = Tensor.rand(new Generator(1), 16, 1, 8, 8);
        RandomTranslation t = new RandomTranslation(2, -1);
        Tensor a = t.apply(x, new Generator(7));
        assertArrayEquals(a.toFloatArray(), t.apply(x, new Generator(7)).toFloatArray(), "same generator, same shifts");
        assertNotEquals(java.util.Arrays.toString(a.toFloatArray()),
                java.util.Arrays.toString(t.apply(x, new Generator(8)).toFloatArray()));
        // every output image is its input moved by at most 2 pixels: its centre 4x4 block is found in the input
        float[] in = x.toFloatArray();
        float[] out = a.toFloatArray();
        for (int n = 0; n < 16; n++) {
            float centre = out[n * 64 + 3 * 8 + 3];
            boolean found = false;
            for (int dy = -2; dy <= 2 && !found; dy++) {
                for (int dx = -2; dx <= 2 && !found; dx++) {
                    found = in[n * 64 + (3 + dy) * 8 + 3 + dx] == centre;
                }
            }
            assertTrue(found, "image " + n);
        }
        assertSame(x, new RandomTranslation(0, -1).apply(x, new Generator(7)), "shift 0 is the identity");
    }

    @Test
    void theGradientFlowsBackThroughTheShiftToTheCoveredPixels() {
        RandomTranslation t = new RandomTranslation(1, -1);
        Tensor x = Tensor.normal(new Generator(3), Shape.of(3, 2, 4, 5), DType.F64, 0, 1).requiresGrad(true);
        Tensor weights = Tensor.normal(new Generator(4), Shape.of(3, 2, 4, 5), DType.F64, 0, 1);
        long[] offsets = {1, 0, -1, 1, 0, -1};
        GradCheck.Result r = GradCheck.check(in -> t.shifted(in[0], offsets).mul(weights).sum(), x);
        assertTrue(r.maxError() < 1e-6, r.toString());
        assertTrue(r.checked() == 120, "checked " + r.checked());
    }

    @Test
    void refusesShiftsOutOfRangeAndImagesOfTheWrongRank() {
        assertThrows(IllegalArgumentException.class, () -> new RandomTranslation(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RandomTranslation(RandomTranslation.MAX_SHIFT + 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new RandomTranslation(1, 0).apply(Tensor.zeros(2, 3), new Generator(1)));
    }
}
