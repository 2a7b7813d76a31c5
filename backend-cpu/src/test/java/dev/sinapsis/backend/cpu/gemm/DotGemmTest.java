package dev.sinapsis.backend.cpu.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dot-product GEMM for a narrow column-major B against a double-precision triple loop: whole
 * and partial 4×4 tiles in both directions, depths with and without a scalar tail, offset operands
 * and padded rows; and which products {@link DotGemm#suits} takes.
 */
class DotGemmTest {
    private static final boolean WIDE = FloatVector.SPECIES_PREFERRED.length() >= 16;

    @ParameterizedTest(name = "{0}x{2} by {1}")
    @CsvSource({
        "1, 16, 1",
        "64, 256, 1",
        "5, 100, 3",
        "128, 128, 10",
        "130, 257, 31",
        "7, 2048, 4",
        "9, 784, 13"})
    void matchesTheTripleLoop(int m, int k, int n) {
        SplittableRandom rnd = new SplittableRandom(m * 31L + k * 7L + n);
        int lda = k + 3; // rows of A padded, as a view of a wider tensor
        float[] a = random(rnd, 2 + m * lda);
        float[] b = random(rnd, 5 + k * n);
        Matrix ma = new Matrix(a, 2, m, k, lda, 1);
        Matrix mb = new Matrix(b, 5, k, n, 1, k); // Wᵀ of a row-major [n, k] W
        float[] c = new float[1 + m * n];
        java.util.Arrays.fill(c, Float.NaN); // every element must be written
        DotGemm.gemm(ma, mb, Matrix.rowMajor(c, 1, m, n));
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[2 + i * lda + p] * b[5 + j * k + p];
                }
                assertEquals(s, c[1 + i * n + j], 1e-6 * k + 1e-6 * Math.abs(s), "element " + i + "," + j);
            }
        }
    }

    @Test
    void takesOnlyNarrowColumnMajorRightOperandsOfModerateDepth() {
        float[] a = new float[128 * 4096];
        float[] b = new float[4096 * 64];
        Matrix rows = Matrix.rowMajor(a, 0, 128, 784);
        assertTrue(DotGemm.suits(rows, new Matrix(b, 0, 784, 10, 1, 784)) == WIDE, "10 outputs, column-major");
        assertFalse(DotGemm.suits(rows, new Matrix(b, 0, 784, JavaSgemm.NR, 1, 784)), "a whole strip");
        assertFalse(DotGemm.suits(rows, Matrix.rowMajor(b, 0, 784, 10)), "row-major B");
        assertFalse(DotGemm.suits(new Matrix(a, 0, 128, 784, 1, 128), new Matrix(b, 0, 784, 10, 1, 784)),
                "column-major A");
        assertFalse(DotGemm.suits(Matrix.rowMajor(a, 0, 128, 4096), new Matrix(b, 0, 4096, 10, 1, 4096)),
                "deeper than " + DotGemm.MAX_DEPTH);
        assertFalse(DotGemm.suits(Matrix.rowMajor(a, 0, 128, 8), new Matrix(b, 0, 8, 10, 1, 8)), "shallower than a vector");
    }

    private static float[] random(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextDouble(-1, 1);
        }
        return v;
    }
}
