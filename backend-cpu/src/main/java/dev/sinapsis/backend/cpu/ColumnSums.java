package dev.sinapsis.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * F32 sums down the columns of a row-major block, {@code dst[at + j] = Σ_k f[base + k·s + j]}: a
 * bias's gradient, the batch's rows summed. Summing each column on its own walked memory {@code s}
 * floats apart, one element at a time (5 % of an MLP step, on the calling thread alone); here each
 * row is read once, from start to end, and added to double sums held for a block of columns. Each
 * column's sum is the same double sum, in the same order of rows, as {@link CpuReduce}'s strided
 * loop, so the results are the same bits.
 */
final class ColumnSums {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Whether a float vector converts to exactly two double vectors (see {@link LstmRowMath}). */
    private static final boolean PAIRED = F.length() == 2 * D.length();
    /** Columns summed per pass over the rows: 8 KB of double sums, in L1. */
    private static final int BLOCK = 1024;
    private static final ThreadLocal<double[]> SUMS = ThreadLocal.withInitial(() -> new double[BLOCK]);

    private ColumnSums() {
    }

    /** Sums {@code rows} rows, {@code s} floats apart from {@code base}, over {@code cols} columns into {@code dst[at...]}. */
    static void sum(float[] f, int base, int s, int rows, int cols, float[] dst, int at) {
        double[] acc = SUMS.get();
        for (int j0 = 0; j0 < cols; j0 += BLOCK) {
            int w = Math.min(BLOCK, cols - j0);
            java.util.Arrays.fill(acc, 0, w, 0.0);
            for (int k = 0; k < rows; k++) {
                addRow(f, base + k * s + j0, acc, w);
            }
            for (int j = 0; j < w; j++) {
                dst[at + j0 + j] = (float) acc[j];
            }
        }
    }

    /** {@code acc[j] += f[from + j]} for {@code j < w}, widened to double. */
    private static void addRow(float[] f, int from, double[] acc, int w) {
        int j = 0;
        if (PAIRED) {
            int dl = D.length();
            for (int bound = F.loopBound(w); j < bound; j += F.length()) {
                FloatVector v = FloatVector.fromArray(F, f, from + j);
                DoubleVector.fromArray(D, acc, j).add((DoubleVector) v.convertShape(VectorOperators.F2D, D, 0))
                        .intoArray(acc, j);
                DoubleVector.fromArray(D, acc, j + dl).add((DoubleVector) v.convertShape(VectorOperators.F2D, D, 1))
                        .intoArray(acc, j + dl);
            }
        }
        for (; j < w; j++) {
            acc[j] += f[from + j];
        }
    }
}
