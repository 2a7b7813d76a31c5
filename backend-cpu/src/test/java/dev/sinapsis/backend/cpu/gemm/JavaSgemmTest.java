package dev.sinapsis.backend.cpu.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The blocked GEMM against a double-precision triple loop, at sizes that exercise every edge of
 * the blocking for either register tile: partial row and column tiles, depths past one packed
 * panel ({@code KC}), several row blocks ({@code MC}), transposed and offset operands (a row-major A
 * is read in place, a transposed one packed), accumulation into C, B packed beforehand, and B
 * packed once for all threads in chunks of strips.
 */
class JavaSgemmTest {
    @ParameterizedTest(name = "{0}x{2} by {1}, transposed A {3}, transposed B {4}")
    @CsvSource({
        "1, 1, 1, false, false",
        "7, 5, 33, false, false",
        "9, 257, 31, false, true",
        "8, 256, 32, true, false",
        "130, 300, 70, true, true",
        "121, 513, 100, false, false",
        "64, 784, 512, false, true",
        "250, 40, 97, false, false",
        // row-major A and B over many column strips, with partial strips at both edges
        "203, 300, 290, false, false",
        "203, 300, 290, true, false",
        // one column strip: the packing kernel's strips all go to one place
        "43, 600, 20, false, false",
        // deep (six depth panels), many column strips, a partial last one
        "20, 3000, 1100, false, false",
        "20, 3000, 1100, true, true"})
    void matchesTheTripleLoop(int m, int k, int n, boolean transA, boolean transB) {
        SplittableRandom rnd = new SplittableRandom(m * 31L + k * 7L + n);
        int offA = 3;
        int offB = 5;
        float[] a = random(rnd, offA + m * k);
        float[] b = random(rnd, offB + k * n);
        Matrix ma = transA ? new Matrix(a, offA, m, k, 1, m) : Matrix.rowMajor(a, offA, m, k);
        Matrix mb = transB ? new Matrix(b, offB, k, n, 1, k) : Matrix.rowMajor(b, offB, k, n);
        float[] c = new float[2 + m * n];
        java.util.Arrays.fill(c, Float.NaN); // every element must be written
        JavaSgemm.gemm(ma, mb, Matrix.rowMajor(c, 2, m, n));
        double[] expected = reference(ma, mb);
        check(expected, c, 2, k, "gemm");

        float[] acc = new float[m * n];
        for (int i = 0; i < acc.length; i++) {
            acc[i] = i % 7 - 3;
        }
        JavaSgemm.gemmSerial(ma, mb, Matrix.rowMajor(acc, 0, m, n), true);
        for (int i = 0; i < expected.length; i++) {
            expected[i] += i % 7 - 3;
        }
        check(expected, acc, 0, k, "gemmSerial accumulate");

        // B packed once beforehand (a recurrent layer's weight): the same product, then accumulated again
        PackedB packed = JavaSgemm.pack(mb);
        float[] p = new float[1 + m * n];
        java.util.Arrays.fill(p, Float.NaN);
        JavaSgemm.gemmSerial(ma, packed, Matrix.rowMajor(p, 1, m, n), false);
        double[] plain = reference(ma, mb);
        check(plain, p, 1, k, "gemmSerial with B packed");
        JavaSgemm.gemmSerial(ma, packed, Matrix.rowMajor(p, 1, m, n), true);
        for (int i = 0; i < plain.length; i++) {
            plain[i] *= 2;
        }
        check(plain, p, 1, 2 * k, "gemmSerial with B packed, accumulate");

        // B packed once for all threads, its strips in three chunks and the rows in four: the chunks
        // run one after the other on a one-thread team, so this holds on any machine
        if (n <= JavaSgemm.NC) {
            float[] s = new float[3 + m * n];
            java.util.Arrays.fill(s, Float.NaN);
            JavaSgemm.gemmSharedB(ma, mb, Matrix.rowMajor(s, 3, m, n), 3, 4);
            check(reference(ma, mb), s, 3, k, "gemm with B packed once for all threads");
        }
    }

    private static void check(double[] expected, float[] actual, int offset, int k, String what) {
        for (int i = 0; i < expected.length; i++) {
            // float rounding of k products of values in [-1, 1]
            double tol = 1e-6 * k + 1e-6 * Math.abs(expected[i]);
            assertEquals(expected[i], actual[offset + i], tol, what + ": element " + i);
        }
    }

    private static float[] random(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextDouble(-1, 1);
        }
        return v;
    }

    private static double[] reference(Matrix a, Matrix b) {
        double[] c = new double[a.rows() * b.cols()];
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < b.cols(); j++) {
                double s = 0;
                for (int p = 0; p < a.cols(); p++) {
                    s += (double) a.floats()[a.offset() + i * a.rowStride() + p * a.colStride()]
                            * b.floats()[b.offset() + p * b.rowStride() + j * b.colStride()];
                }
                c[i * b.cols() + j] = s;
            }
        }
        return c;
    }
}
