package dev.sinapsis.backend.cpu.gemm;

import dev.sinapsis.backend.cpu.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision {@code C = A·B} as dot products, for a row-major A against a narrow
 * column-major B: a classifier's last linear layer {@code x·Wᵀ} with 10 outputs, or a
 * discriminator's with one. The packed GEMM ({@link JavaSgemm}) pads such a B to a whole strip of
 * {@link JavaSgemm#NR} columns and transposes it into place, then runs full tiles mostly on zeros:
 * 64x1x256 took 72 µs, 128x10x128 32 µs (one core). Here both operands are read in place, four rows
 * of A against four columns of B, sixteen vector sums along the depth, each reduced once at the
 * end: 2.3 and 9.8 µs.
 *
 * <p>Not for wide B: with eight loads per sixteen multiply-adds the tile ran at about half the
 * packed kernel's speed (64x512x784: 83 against 115 GFLOP/s including the packing of B), so the
 * packed GEMM keeps every B of a strip or more.
 */
final class DotGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of A and columns of B per tile. */
    private static final int T = 4;
    /** The deepest product taken: four columns of B this deep (32 KB) stay in L1 while A streams past. */
    static final int MAX_DEPTH = 2048;

    private DotGemm() {
    }

    /**
     * Whether the dot-product form suits {@code a·b}: 16-lane vectors (sixteen accumulators and eight
     * operands need the 32 registers of AVX-512), contiguous rows of A and columns of B, B narrower
     * than one packed strip and a depth from one vector to {@link #MAX_DEPTH}.
     */
    static boolean suits(Matrix a, Matrix b) {
        return L >= 16 && b.cols() < JavaSgemm.NR && a.cols() >= L && a.cols() <= MAX_DEPTH
                && a.colStride() == 1 && b.rowStride() == 1;
    }

    /** {@code c = a·b}; see {@link #suits}. */
    static void gemm(Matrix a, Matrix b, Matrix c) {
        int m = a.rows();
        int n = b.cols();
        int k = a.cols();
        int blocks = (n + T - 1) / T;
        Parallel.forRange(blocks, 2L * m * T * k, (from, to) -> {
            for (int jb = from; jb < to; jb++) {
                int j0 = jb * T;
                int nb = Math.min(T, n - j0);
                for (int i0 = 0; i0 < m; i0 += T) {
                    int mb = Math.min(T, m - i0);
                    if (mb == T && nb == T) {
                        tile(a, b, c, i0, j0);
                    } else {
                        edge(a, b, c, i0, mb, j0, nb);
                    }
                }
            }
        });
    }

    /** The 4×4 tile at {@code (i0, j0)}: sixteen vector sums over the depth, reduced, plus the scalar tail. */
    private static void tile(Matrix a, Matrix b, Matrix c, int i0, int j0) {
        float[] av = a.floats();
        float[] bv = b.floats();
        int ars = a.rowStride();
        int bcs = b.colStride();
        int depth = a.cols();
        int a0 = a.offset() + i0 * ars;
        int a1 = a0 + ars;
        int a2 = a1 + ars;
        int a3 = a2 + ars;
        int b0 = b.offset() + j0 * bcs;
        int b1 = b0 + bcs;
        int b2 = b1 + bcs;
        int b3 = b2 + bcs;
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00;
        FloatVector s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        FloatVector s20 = s00, s21 = s00, s22 = s00, s23 = s00;
        FloatVector s30 = s00, s31 = s00, s32 = s00, s33 = s00;
        int len = depth / L * L;
        for (int p = 0; p < len; p += L) {
            FloatVector y0 = FloatVector.fromArray(S, bv, b0 + p);
            FloatVector y1 = FloatVector.fromArray(S, bv, b1 + p);
            FloatVector y2 = FloatVector.fromArray(S, bv, b2 + p);
            FloatVector y3 = FloatVector.fromArray(S, bv, b3 + p);
            FloatVector x = FloatVector.fromArray(S, av, a0 + p);
            s00 = x.fma(y0, s00); s01 = x.fma(y1, s01); s02 = x.fma(y2, s02); s03 = x.fma(y3, s03);
            x = FloatVector.fromArray(S, av, a1 + p);
            s10 = x.fma(y0, s10); s11 = x.fma(y1, s11); s12 = x.fma(y2, s12); s13 = x.fma(y3, s13);
            x = FloatVector.fromArray(S, av, a2 + p);
            s20 = x.fma(y0, s20); s21 = x.fma(y1, s21); s22 = x.fma(y2, s22); s23 = x.fma(y3, s23);
            x = FloatVector.fromArray(S, av, a3 + p);
            s30 = x.fma(y0, s30); s31 = x.fma(y1, s31); s32 = x.fma(y2, s32); s33 = x.fma(y3, s33);
        }
        float[] cv = c.floats();
        int crs = c.rowStride();
        int c0 = c.offset() + i0 * crs + j0;
        int c1 = c0 + crs;
        int c2 = c1 + crs;
        int c3 = c2 + crs;
        cv[c0] = s00.reduceLanes(VectorOperators.ADD);
        cv[c0 + 1] = s01.reduceLanes(VectorOperators.ADD);
        cv[c0 + 2] = s02.reduceLanes(VectorOperators.ADD);
        cv[c0 + 3] = s03.reduceLanes(VectorOperators.ADD);
        cv[c1] = s10.reduceLanes(VectorOperators.ADD);
        cv[c1 + 1] = s11.reduceLanes(VectorOperators.ADD);
        cv[c1 + 2] = s12.reduceLanes(VectorOperators.ADD);
        cv[c1 + 3] = s13.reduceLanes(VectorOperators.ADD);
        cv[c2] = s20.reduceLanes(VectorOperators.ADD);
        cv[c2 + 1] = s21.reduceLanes(VectorOperators.ADD);
        cv[c2 + 2] = s22.reduceLanes(VectorOperators.ADD);
        cv[c2 + 3] = s23.reduceLanes(VectorOperators.ADD);
        cv[c3] = s30.reduceLanes(VectorOperators.ADD);
        cv[c3 + 1] = s31.reduceLanes(VectorOperators.ADD);
        cv[c3 + 2] = s32.reduceLanes(VectorOperators.ADD);
        cv[c3 + 3] = s33.reduceLanes(VectorOperators.ADD);
        // the depth's last few elements, after every vector is dead: a branch taken late would
        // otherwise deoptimise with sixteen vectors live and box them (see SgemmKernels)
        if (len < depth) {
            for (int i = 0; i < T; i++) {
                for (int q = 0; q < T; q++) {
                    cv[c0 + i * crs + q] += tail(av, a0 + i * ars, bv, b0 + q * bcs, len, depth);
                }
            }
        }
    }

    /** A partial tile ({@code mb × nb}, at most 4×4): one dot product at a time, two vector sums each. */
    private static void edge(Matrix a, Matrix b, Matrix c, int i0, int mb, int j0, int nb) {
        float[] av = a.floats();
        float[] bv = b.floats();
        float[] cv = c.floats();
        int depth = a.cols();
        int len = depth / (2 * L) * (2 * L);
        for (int r = 0; r < mb; r++) {
            int ar = a.offset() + (i0 + r) * a.rowStride();
            int cr = c.offset() + (i0 + r) * c.rowStride() + j0;
            for (int q = 0; q < nb; q++) {
                int bq = b.offset() + (j0 + q) * b.colStride();
                FloatVector u = FloatVector.zero(S);
                FloatVector v = u;
                for (int p = 0; p < len; p += 2 * L) {
                    u = FloatVector.fromArray(S, av, ar + p).fma(FloatVector.fromArray(S, bv, bq + p), u);
                    v = FloatVector.fromArray(S, av, ar + p + L).fma(FloatVector.fromArray(S, bv, bq + p + L), v);
                }
                float sum = u.add(v).reduceLanes(VectorOperators.ADD) + tail(av, ar, bv, bq, len, depth);
                cv[cr + q] = sum;
            }
        }
    }

    /** {@code Σ a[ai+p]·b[bi+p]} for {@code p} in {@code [from, to)}, in order. */
    private static float tail(float[] a, int ai, float[] b, int bi, int from, int to) {
        float s = 0f;
        for (int p = from; p < to; p++) {
            s += a[ai + p] * b[bi + p];
        }
        return s;
    }
}
