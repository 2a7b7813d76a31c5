package dev.sinapsis.backend.cpu.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The F64 blocked GEMM against a triple loop summed in the same precision, at sizes that exercise
 * every edge of its blocking: partial row and column tiles, depths past one packed panel
 * ({@code KC} = 512), several row blocks ({@code MC}), more columns than one panel ({@code NC} = 1024),
 * the split by columns (few rows) and by rows, transposed and offset operands, an empty depth.
 */
class JavaDgemmTest {
    @ParameterizedTest(name = "{0}x{2} by {1}, transposed A {3}, transposed B {4}")
    @CsvSource({
        "1, 1, 1, false, false",
        "7, 5, 33, false, false",
        "9, 257, 31, false, true",
        "8, 256, 16, true, false",
        "130, 300, 70, true, true",
        "121, 513, 100, false, false",
        "250, 40, 97, false, true",
        "203, 300, 290, true, false",
        "13, 200, 2100, false, false",
        "70, 600, 2100, true, true",
        "5, 0, 9, false, false"})
    void matchesTheTripleLoop(int m, int k, int n, boolean transA, boolean transB) {
        SplittableRandom rnd = new SplittableRandom(m * 31L + k * 7L + n);
        int offA = 3;
        int offB = 5;
        double[] a = random(rnd, offA + m * k);
        double[] b = random(rnd, offB + k * n);
        Matrix ma = transA ? new Matrix(a, offA, m, k, 1, m) : Matrix.rowMajor(a, offA, m, k);
        Matrix mb = transB ? new Matrix(b, offB, k, n, 1, k) : Matrix.rowMajor(b, offB, k, n);
        double[] c = new double[2 + m * n];
        java.util.Arrays.fill(c, Double.NaN); // every element must be written
        JavaDgemm.gemm(ma, mb, Matrix.rowMajor(c, 2, m, n));
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a[ma.offset() + i * ma.rowStride() + p * ma.colStride()]
                            * b[mb.offset() + p * mb.rowStride() + j * mb.colStride()];
                }
                // double rounding of k products of values in [-1, 1], summed in another order
                assertEquals(sum, c[2 + i * n + j], 1e-14 * (k + 1), "element " + i + "," + j);
            }
        }
    }

    private static double[] random(SplittableRandom rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble(-1, 1);
        }
        return v;
    }
}
