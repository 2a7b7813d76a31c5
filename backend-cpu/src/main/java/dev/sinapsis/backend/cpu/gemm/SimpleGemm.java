package dev.sinapsis.backend.cpu.gemm;

import dev.sinapsis.backend.cpu.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Straightforward row-by-row GEMM ({@code i-k-j} order, the inner loop over a contiguous row of B
 * and C, which the JIT vectorises). Used for F64 and for F32 products too small to repay packing.
 */
public final class SimpleGemm {
    private SimpleGemm() {
    }

    /**
     * {@code c = a·b} in single precision (accumulating in float, like the packed path). Also the
     * better choice for a few rows of A against a wide row-major B (a convolution's filters
     * against its unfolded image), where packing B would cost as much as the product.
     */
    public static void gemmF32(Matrix a, Matrix b, Matrix c) {
        int m = a.rows();
        int n = b.cols();
        int k = a.cols();
        // rows of B are read in place when they are contiguous, else from a row-major copy
        boolean direct = b.colStride() == 1;
        float[] bRows = direct ? b.floats() : rowMajorF32(b);
        int bBase = direct ? b.offset() : 0;
        int bStride = direct ? b.rowStride() : n;
        float[] av = a.floats();
        float[] cv = c.floats();
        if (m < Parallel.threads() && n >= 2 * COLUMN_BLOCK) {
            // fewer rows than threads (a bias gradient, ones^T G): split the columns instead, each block's
            // sums kept in registers down all of B's rows
            int blocks = (n + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
            Parallel.forRange(blocks, 2L * m * COLUMN_BLOCK * k, (from, to) -> {
                for (int i = 0; i < m; i++) {
                    rowTimesB(av, a.offset() + i * a.rowStride(), a.colStride(), k, bRows, bBase, bStride, cv,
                            c.offset() + i * c.rowStride(), from * COLUMN_BLOCK, Math.min(n, to * COLUMN_BLOCK));
                }
            });
            return;
        }
        Parallel.forRange(m, 2L * n * k, (from, to) -> block(a, av, bRows, bBase, bStride, c, cv, from, to, 0, n));
    }

    /** Columns per unit when the columns are split across threads. */
    private static final int COLUMN_BLOCK = 128;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /**
     * Columns {@code [j0, j1)} of one row of C: {@code c[j] = sum_p x[p] b[p][j]}, eight vectors of
     * sums at a time held in registers over all {@code k} rows of B (the loop over C in memory of
     * {@link #block} took a bias gradient {@code ones^T G}, 12800 x 512, to 2.7 ms; it is a pass over
     * G). Products and sums are rounded separately, in the order of {@link #block}, so both paths
     * give the same bits.
     */
    private static void rowTimesB(float[] x, int xAt, int xStep, int k, float[] b, int bBase, int bStride,
                                  float[] c, int cAt, int j0, int j1) {
        int j = j0;
        for (; j + 8 * L <= j1; j += 8 * L) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
            for (int p = 0; p < k; p++) {
                FloatVector v = FloatVector.broadcast(S, x[xAt + p * xStep]);
                int at = bBase + p * bStride + j;
                s0 = s0.add(v.mul(FloatVector.fromArray(S, b, at)));
                s1 = s1.add(v.mul(FloatVector.fromArray(S, b, at + L)));
                s2 = s2.add(v.mul(FloatVector.fromArray(S, b, at + 2 * L)));
                s3 = s3.add(v.mul(FloatVector.fromArray(S, b, at + 3 * L)));
                s4 = s4.add(v.mul(FloatVector.fromArray(S, b, at + 4 * L)));
                s5 = s5.add(v.mul(FloatVector.fromArray(S, b, at + 5 * L)));
                s6 = s6.add(v.mul(FloatVector.fromArray(S, b, at + 6 * L)));
                s7 = s7.add(v.mul(FloatVector.fromArray(S, b, at + 7 * L)));
            }
            s0.intoArray(c, cAt + j);
            s1.intoArray(c, cAt + j + L);
            s2.intoArray(c, cAt + j + 2 * L);
            s3.intoArray(c, cAt + j + 3 * L);
            s4.intoArray(c, cAt + j + 4 * L);
            s5.intoArray(c, cAt + j + 5 * L);
            s6.intoArray(c, cAt + j + 6 * L);
            s7.intoArray(c, cAt + j + 7 * L);
        }
        if (j < j1) {
            java.util.Arrays.fill(c, cAt + j, cAt + j1, 0f);
            for (int p = 0; p < k; p++) {
                float v = x[xAt + p * xStep];
                int at = bBase + p * bStride;
                for (int q = j; q < j1; q++) {
                    c[cAt + q] += v * b[at + q];
                }
            }
        }
    }

    /** Rows {@code [i0, i1)} and columns {@code [j0, j1)} of {@code c = a·b}, B's rows at {@code bBase + p*bStride}. */
    private static void block(Matrix a, float[] av, float[] bRows, int bBase, int bStride, Matrix c, float[] cv,
                              int i0, int i1, int j0, int j1) {
        int k = a.cols();
        for (int i = i0; i < i1; i++) {
            int cRow = c.offset() + i * c.rowStride();
            java.util.Arrays.fill(cv, cRow + j0, cRow + j1, 0f);
            int aRow = a.offset() + i * a.rowStride();
            for (int p = 0; p < k; p++) {
                float x = av[aRow + p * a.colStride()];
                int bRow = bBase + p * bStride;
                for (int j = j0; j < j1; j++) {
                    cv[cRow + j] += x * bRows[bRow + j];
                }
            }
        }
    }

    /** {@code c = a·b} in double precision. */
    public static void gemmF64(Matrix a, Matrix b, Matrix c) {
        int m = a.rows();
        int n = b.cols();
        int k = a.cols();
        double[] bRows = rowMajorF64(b);
        double[] av = a.doubles();
        double[] cv = c.doubles();
        Parallel.forRange(m, 2L * n * k, (from, to) -> {
            for (int i = from; i < to; i++) {
                int cRow = c.offset() + i * c.rowStride();
                java.util.Arrays.fill(cv, cRow, cRow + n, 0.0);
                int aRow = a.offset() + i * a.rowStride();
                for (int p = 0; p < k; p++) {
                    double x = av[aRow + p * a.colStride()];
                    int bRow = p * n;
                    for (int j = 0; j < n; j++) {
                        cv[cRow + j] += x * bRows[bRow + j];
                    }
                }
            }
        });
    }

    /** B as a dense row-major {@code k × n} array (copied unless it already is one from offset 0). */
    private static float[] rowMajorF32(Matrix b) {
        float[] src = b.floats();
        int k = b.rows();
        int n = b.cols();
        float[] out = new float[k * n];
        for (int p = 0; p < k; p++) {
            int at = b.offset() + p * b.rowStride();
            if (b.colStride() == 1) {
                System.arraycopy(src, at, out, p * n, n);
            } else {
                for (int j = 0; j < n; j++) {
                    out[p * n + j] = src[at + j * b.colStride()];
                }
            }
        }
        return out;
    }

    private static double[] rowMajorF64(Matrix b) {
        double[] src = b.doubles();
        int k = b.rows();
        int n = b.cols();
        double[] out = new double[k * n];
        for (int p = 0; p < k; p++) {
            int at = b.offset() + p * b.rowStride();
            if (b.colStride() == 1) {
                System.arraycopy(src, at, out, p * n, n);
            } else {
                for (int j = 0; j < n; j++) {
                    out[p * n + j] = src[at + j * b.colStride()];
                }
            }
        }
        return out;
    }
}
