package dev.sinapsis.backend.cpu.gemm;

import dev.sinapsis.backend.cpu.Parallel;

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
            // fewer rows than threads (a bias gradient, ones^T G): split the columns instead
            int blocks = (n + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
            Parallel.forRange(blocks, 2L * m * COLUMN_BLOCK * k, (from, to) -> block(a, av, bRows, bBase, bStride, c,
                    cv, 0, m, from * COLUMN_BLOCK, Math.min(n, to * COLUMN_BLOCK)));
            return;
        }
        Parallel.forRange(m, 2L * n * k, (from, to) -> block(a, av, bRows, bBase, bStride, c, cv, from, to, 0, n));
    }

    /** Columns per unit when the columns are split across threads. */
    private static final int COLUMN_BLOCK = 64;

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
