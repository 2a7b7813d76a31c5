package dev.sinapsis.backend.cpu.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link JavaSgemm}'s register-tiled micro-kernels and the edge tiles' write-back. Each kernel is
 * one straight-line method with its accumulators in locals: C2 keeps them in vector registers only
 * so, and Java has no macro to write the 8x2 tile's two variants once (hence their likeness).
 */
final class SgemmKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** The width of an edge tile's rows, as {@link JavaSgemm#NR}. */
    private static final int NR = JavaSgemm.NR;

    private SgemmKernels() {
    }

    private static final VectorShuffle<Float> M1 = shift(-1);
    private static final VectorShuffle<Float> P1 = shift(1);
    private static final VectorShuffle<Float> M2 = shift(-2);
    private static final VectorShuffle<Float> P2 = shift(2);
    private static final VectorShuffle<Float> M4 = shift(-4);
    private static final VectorShuffle<Float> P4 = shift(4);
    private static final VectorShuffle<Float> M8 = shift(-8);
    private static final VectorShuffle<Float> P8 = shift(8);
    private static final VectorMask<Float> B0 = bit(0);
    private static final VectorMask<Float> B1 = bit(1);
    private static final VectorMask<Float> B2 = bit(2);
    private static final VectorMask<Float> B3 = bit(3);

    /** Lane {@code j} takes lane {@code j + d} (mod the length). */
    private static VectorShuffle<Float> shift(int d) {
        int[] ix = new int[L];
        for (int j = 0; j < L; j++) {
            ix[j] = Math.floorMod(j + d, L);
        }
        return VectorShuffle.fromArray(S, ix, 0);
    }

    /** The lanes whose index has bit {@code s} set. */
    private static VectorMask<Float> bit(int s) {
        boolean[] set = new boolean[L];
        for (int j = 0; j < L; j++) {
            set[j] = ((j >> s) & 1) != 0;
        }
        return VectorMask.fromArray(S, set, 0);
    }

    /**
     * Sixteen columns of a column-major B, depths {@code [p, p+16)}, into sixteen rows of a packed
     * strip ({@code bp[row + d·NR]}, 16 lanes each): one load per column, then a 16×16 transpose in
     * registers, four stages in which each pair of rows swaps its off-diagonal halves (a permute and
     * a blend per row). 1.6x the scalar copy it replaced (a 784×512 Wᵀ: 0.22 → 0.13 ms, one core),
     * and the same bits. 16-lane vectors only.
     */
    static void transpose16(float[] src, int base, int cs, int p, float[] bp, int row) {
        FloatVector v0 = FloatVector.fromArray(S, src, base + p);
        FloatVector v1 = FloatVector.fromArray(S, src, base + cs + p);
        FloatVector v2 = FloatVector.fromArray(S, src, base + 2 * cs + p);
        FloatVector v3 = FloatVector.fromArray(S, src, base + 3 * cs + p);
        FloatVector v4 = FloatVector.fromArray(S, src, base + 4 * cs + p);
        FloatVector v5 = FloatVector.fromArray(S, src, base + 5 * cs + p);
        FloatVector v6 = FloatVector.fromArray(S, src, base + 6 * cs + p);
        FloatVector v7 = FloatVector.fromArray(S, src, base + 7 * cs + p);
        FloatVector v8 = FloatVector.fromArray(S, src, base + 8 * cs + p);
        FloatVector v9 = FloatVector.fromArray(S, src, base + 9 * cs + p);
        FloatVector v10 = FloatVector.fromArray(S, src, base + 10 * cs + p);
        FloatVector v11 = FloatVector.fromArray(S, src, base + 11 * cs + p);
        FloatVector v12 = FloatVector.fromArray(S, src, base + 12 * cs + p);
        FloatVector v13 = FloatVector.fromArray(S, src, base + 13 * cs + p);
        FloatVector v14 = FloatVector.fromArray(S, src, base + 14 * cs + p);
        FloatVector v15 = FloatVector.fromArray(S, src, base + 15 * cs + p);
        FloatVector a;
        FloatVector b;
        // rows 1 apart swap the halves of their 2-lane blocks that are off the diagonal
        a = v0.blend(v1.rearrange(M1), B0);
        b = v0.rearrange(P1).blend(v1, B0);
        v0 = a;
        v1 = b;
        a = v2.blend(v3.rearrange(M1), B0);
        b = v2.rearrange(P1).blend(v3, B0);
        v2 = a;
        v3 = b;
        a = v4.blend(v5.rearrange(M1), B0);
        b = v4.rearrange(P1).blend(v5, B0);
        v4 = a;
        v5 = b;
        a = v6.blend(v7.rearrange(M1), B0);
        b = v6.rearrange(P1).blend(v7, B0);
        v6 = a;
        v7 = b;
        a = v8.blend(v9.rearrange(M1), B0);
        b = v8.rearrange(P1).blend(v9, B0);
        v8 = a;
        v9 = b;
        a = v10.blend(v11.rearrange(M1), B0);
        b = v10.rearrange(P1).blend(v11, B0);
        v10 = a;
        v11 = b;
        a = v12.blend(v13.rearrange(M1), B0);
        b = v12.rearrange(P1).blend(v13, B0);
        v12 = a;
        v13 = b;
        a = v14.blend(v15.rearrange(M1), B0);
        b = v14.rearrange(P1).blend(v15, B0);
        v14 = a;
        v15 = b;
        // rows 2 apart swap the halves of their 4-lane blocks that are off the diagonal
        a = v0.blend(v2.rearrange(M2), B1);
        b = v0.rearrange(P2).blend(v2, B1);
        v0 = a;
        v2 = b;
        a = v1.blend(v3.rearrange(M2), B1);
        b = v1.rearrange(P2).blend(v3, B1);
        v1 = a;
        v3 = b;
        a = v4.blend(v6.rearrange(M2), B1);
        b = v4.rearrange(P2).blend(v6, B1);
        v4 = a;
        v6 = b;
        a = v5.blend(v7.rearrange(M2), B1);
        b = v5.rearrange(P2).blend(v7, B1);
        v5 = a;
        v7 = b;
        a = v8.blend(v10.rearrange(M2), B1);
        b = v8.rearrange(P2).blend(v10, B1);
        v8 = a;
        v10 = b;
        a = v9.blend(v11.rearrange(M2), B1);
        b = v9.rearrange(P2).blend(v11, B1);
        v9 = a;
        v11 = b;
        a = v12.blend(v14.rearrange(M2), B1);
        b = v12.rearrange(P2).blend(v14, B1);
        v12 = a;
        v14 = b;
        a = v13.blend(v15.rearrange(M2), B1);
        b = v13.rearrange(P2).blend(v15, B1);
        v13 = a;
        v15 = b;
        // rows 4 apart swap the halves of their 8-lane blocks that are off the diagonal
        a = v0.blend(v4.rearrange(M4), B2);
        b = v0.rearrange(P4).blend(v4, B2);
        v0 = a;
        v4 = b;
        a = v1.blend(v5.rearrange(M4), B2);
        b = v1.rearrange(P4).blend(v5, B2);
        v1 = a;
        v5 = b;
        a = v2.blend(v6.rearrange(M4), B2);
        b = v2.rearrange(P4).blend(v6, B2);
        v2 = a;
        v6 = b;
        a = v3.blend(v7.rearrange(M4), B2);
        b = v3.rearrange(P4).blend(v7, B2);
        v3 = a;
        v7 = b;
        a = v8.blend(v12.rearrange(M4), B2);
        b = v8.rearrange(P4).blend(v12, B2);
        v8 = a;
        v12 = b;
        a = v9.blend(v13.rearrange(M4), B2);
        b = v9.rearrange(P4).blend(v13, B2);
        v9 = a;
        v13 = b;
        a = v10.blend(v14.rearrange(M4), B2);
        b = v10.rearrange(P4).blend(v14, B2);
        v10 = a;
        v14 = b;
        a = v11.blend(v15.rearrange(M4), B2);
        b = v11.rearrange(P4).blend(v15, B2);
        v11 = a;
        v15 = b;
        // rows 8 apart swap the halves of their 16-lane blocks that are off the diagonal
        a = v0.blend(v8.rearrange(M8), B3);
        b = v0.rearrange(P8).blend(v8, B3);
        v0 = a;
        v8 = b;
        a = v1.blend(v9.rearrange(M8), B3);
        b = v1.rearrange(P8).blend(v9, B3);
        v1 = a;
        v9 = b;
        a = v2.blend(v10.rearrange(M8), B3);
        b = v2.rearrange(P8).blend(v10, B3);
        v2 = a;
        v10 = b;
        a = v3.blend(v11.rearrange(M8), B3);
        b = v3.rearrange(P8).blend(v11, B3);
        v3 = a;
        v11 = b;
        a = v4.blend(v12.rearrange(M8), B3);
        b = v4.rearrange(P8).blend(v12, B3);
        v4 = a;
        v12 = b;
        a = v5.blend(v13.rearrange(M8), B3);
        b = v5.rearrange(P8).blend(v13, B3);
        v5 = a;
        v13 = b;
        a = v6.blend(v14.rearrange(M8), B3);
        b = v6.rearrange(P8).blend(v14, B3);
        v6 = a;
        v14 = b;
        a = v7.blend(v15.rearrange(M8), B3);
        b = v7.rearrange(P8).blend(v15, B3);
        v7 = a;
        v15 = b;
        v0.intoArray(bp, row);
        v1.intoArray(bp, row + NR);
        v2.intoArray(bp, row + 2 * NR);
        v3.intoArray(bp, row + 3 * NR);
        v4.intoArray(bp, row + 4 * NR);
        v5.intoArray(bp, row + 5 * NR);
        v6.intoArray(bp, row + 6 * NR);
        v7.intoArray(bp, row + 7 * NR);
        v8.intoArray(bp, row + 8 * NR);
        v9.intoArray(bp, row + 9 * NR);
        v10.intoArray(bp, row + 10 * NR);
        v11.intoArray(bp, row + 11 * NR);
        v12.intoArray(bp, row + 12 * NR);
        v13.intoArray(bp, row + 13 * NR);
        v14.intoArray(bp, row + 14 * NR);
        v15.intoArray(bp, row + 15 * NR);
    }

    /**
     * The 8×2-vector tile (16-lane vectors): sixteen accumulators, two B vectors and one A
     * broadcast per step. The sums start from zero; after the loop {@code addend} (rows {@code lda}
     * apart: C itself when accumulating, else a zero row with {@code lda} 0) is added, and the
     * tile goes to {@code out} (rows {@code ldo} apart: C for a whole tile, the edge buffer
     * otherwise). C is read after the loop, not before it: read first, its lines (from L3 once the
     * product outgrows L2) held up the first multiply-adds; read last, they arrive while the loop's
     * last steps drain (one core, 1024³ and 2048³: +3 %).
     */
    static void kernel8x2(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] addend, int ad,
                          int lda, float[] out, int to, int ldo) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bOff);
            FloatVector b1 = FloatVector.fromArray(S, bp, bOff + L);
            FloatVector x = FloatVector.broadcast(S, ap[aOff]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[aOff + 1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[aOff + 2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[aOff + 3]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[aOff + 4]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[aOff + 5]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, ap[aOff + 6]);
            c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, ap[aOff + 7]);
            c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            aOff += 8;
            bOff += 2 * L;
        }
        // no branch on whether to accumulate: C2 compiled one with an uncommon trap, and after the
        // trap fired, some JVMs ran this kernel with boxed vectors, 10x slower for the rest of their life
        c00 = c00.add(FloatVector.fromArray(S, addend, ad));
        c01 = c01.add(FloatVector.fromArray(S, addend, ad + L));
        c10 = c10.add(FloatVector.fromArray(S, addend, ad + lda));
        c11 = c11.add(FloatVector.fromArray(S, addend, ad + lda + L));
        c20 = c20.add(FloatVector.fromArray(S, addend, ad + 2 * lda));
        c21 = c21.add(FloatVector.fromArray(S, addend, ad + 2 * lda + L));
        c30 = c30.add(FloatVector.fromArray(S, addend, ad + 3 * lda));
        c31 = c31.add(FloatVector.fromArray(S, addend, ad + 3 * lda + L));
        c40 = c40.add(FloatVector.fromArray(S, addend, ad + 4 * lda));
        c41 = c41.add(FloatVector.fromArray(S, addend, ad + 4 * lda + L));
        c50 = c50.add(FloatVector.fromArray(S, addend, ad + 5 * lda));
        c51 = c51.add(FloatVector.fromArray(S, addend, ad + 5 * lda + L));
        c60 = c60.add(FloatVector.fromArray(S, addend, ad + 6 * lda));
        c61 = c61.add(FloatVector.fromArray(S, addend, ad + 6 * lda + L));
        c70 = c70.add(FloatVector.fromArray(S, addend, ad + 7 * lda));
        c71 = c71.add(FloatVector.fromArray(S, addend, ad + 7 * lda + L));
        c00.intoArray(out, to); c01.intoArray(out, to + L);
        c10.intoArray(out, to + ldo); c11.intoArray(out, to + ldo + L);
        c20.intoArray(out, to + 2 * ldo); c21.intoArray(out, to + 2 * ldo + L);
        c30.intoArray(out, to + 3 * ldo); c31.intoArray(out, to + 3 * ldo + L);
        c40.intoArray(out, to + 4 * ldo); c41.intoArray(out, to + 4 * ldo + L);
        c50.intoArray(out, to + 5 * ldo); c51.intoArray(out, to + 5 * ldo + L);
        c60.intoArray(out, to + 6 * ldo); c61.intoArray(out, to + 6 * ldo + L);
        c70.intoArray(out, to + 7 * ldo); c71.intoArray(out, to + 7 * ldo + L);
    }

    /**
     * {@link #kernel8x2} reading A in place, row {@code r} of the strip at {@code a[aOff + r*lda ...]},
     * and storing what it reads into the packed strip at {@code ap[apOff ...]} for the column strips
     * that follow. It stores the sums alone: a caller that accumulates adds them to C with
     * {@link #flush}. (It had an addend as {@link #kernel8x2} has; the session that removed it
     * had seen the last of its stores run the Vector API's Java fallback in some JVMs and blamed the
     * method's size. A later one found, in a JIT log, that in some JVMs (5 of 8 MLP runs with tiered
     * compilation) C2's late inlining leaves some or all final stores of this kernel, of
     * {@link #kernel8x2} and of {@link #transpose16} to the fallback, with or without the addend;
     * {@code -XX:-TieredCompilation} cleared the MLP runs but not an LSTM run. The cause is open.)
     */
    static void kernel8x2Packing(int kc, float[] a, int aOff, int lda, float[] ap, int apOff, float[] bp,
                                 int bOff, float[] out, int to, int ldo) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        int r1 = aOff + lda;
        int r2 = r1 + lda;
        int r3 = r2 + lda;
        int r4 = r3 + lda;
        int r5 = r4 + lda;
        int r6 = r5 + lda;
        int r7 = r6 + lda;
        for (int p = 0; p < kc; p++) {
            float a0 = a[aOff + p];
            float a1 = a[r1 + p];
            float a2 = a[r2 + p];
            float a3 = a[r3 + p];
            float a4 = a[r4 + p];
            float a5 = a[r5 + p];
            float a6 = a[r6 + p];
            float a7 = a[r7 + p];
            ap[apOff] = a0;
            ap[apOff + 1] = a1;
            ap[apOff + 2] = a2;
            ap[apOff + 3] = a3;
            ap[apOff + 4] = a4;
            ap[apOff + 5] = a5;
            ap[apOff + 6] = a6;
            ap[apOff + 7] = a7;
            FloatVector b0 = FloatVector.fromArray(S, bp, bOff);
            FloatVector b1 = FloatVector.fromArray(S, bp, bOff + L);
            FloatVector x = FloatVector.broadcast(S, a0);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a1);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a2);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a3);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a4);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a5);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a6);
            c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a7);
            c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            apOff += 8;
            bOff += 2 * L;
        }
        c00.intoArray(out, to); c01.intoArray(out, to + L);
        c10.intoArray(out, to + ldo); c11.intoArray(out, to + ldo + L);
        c20.intoArray(out, to + 2 * ldo); c21.intoArray(out, to + 2 * ldo + L);
        c30.intoArray(out, to + 3 * ldo); c31.intoArray(out, to + 3 * ldo + L);
        c40.intoArray(out, to + 4 * ldo); c41.intoArray(out, to + 4 * ldo + L);
        c50.intoArray(out, to + 5 * ldo); c51.intoArray(out, to + 5 * ldo + L);
        c60.intoArray(out, to + 6 * ldo); c61.intoArray(out, to + 6 * ldo + L);
        c70.intoArray(out, to + 7 * ldo); c71.intoArray(out, to + 7 * ldo + L);
    }

    /** Writes (or adds, with {@code accumulate}) the top-left {@code mr × nr} of {@code tile} into C. */
    static void flush(float[] tile, int mr, int nr, float[] c, int cOff, int ldc, boolean accumulate) {
        if (nr == NR) {
            for (int r = 0; r < mr; r++) {
                int at = cOff + r * ldc;
                FloatVector v0 = FloatVector.fromArray(S, tile, r * NR);
                FloatVector v1 = FloatVector.fromArray(S, tile, r * NR + L);
                if (accumulate) {
                    v0 = v0.add(FloatVector.fromArray(S, c, at));
                    v1 = v1.add(FloatVector.fromArray(S, c, at + L));
                }
                v0.intoArray(c, at);
                v1.intoArray(c, at + L);
            }
            return;
        }
        for (int r = 0; r < mr; r++) {
            for (int q = 0; q < nr; q++) {
                int at = cOff + r * ldc + q;
                c[at] = accumulate ? c[at] + tile[r * NR + q] : tile[r * NR + q];
            }
        }
    }

    /**
     * The 6×2-vector tile for 8- or 4-lane vectors (AVX2, NEON: 16 registers): twelve accumulators,
     * two B vectors and a broadcast, fifteen registers. The 4×3 tile it replaced needed all sixteen
     * and C2 kept one accumulator on the stack, a load and a store in every step's dependency
     * chain (with {@code -XX:UseAVX=2}, 1024³ on 2 threads: 90 GFLOP/s, 41 % of the FMA peak).
     * As {@link #kernel8x2} otherwise, stores written out for the same reasons.
     */
    static void kernel6x2(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] addend, int ad,
                          int lda, float[] out, int to, int ldo) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bOff);
            FloatVector b1 = FloatVector.fromArray(S, bp, bOff + L);
            FloatVector x = FloatVector.broadcast(S, ap[aOff]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[aOff + 1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[aOff + 2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[aOff + 3]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[aOff + 4]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[aOff + 5]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            aOff += 6;
            bOff += 2 * L;
        }
        c00.add(FloatVector.fromArray(S, addend, ad)).intoArray(out, to);
        c01.add(FloatVector.fromArray(S, addend, ad + L)).intoArray(out, to + L);
        c10.add(FloatVector.fromArray(S, addend, ad + lda)).intoArray(out, to + ldo);
        c11.add(FloatVector.fromArray(S, addend, ad + lda + L)).intoArray(out, to + ldo + L);
        c20.add(FloatVector.fromArray(S, addend, ad + 2 * lda)).intoArray(out, to + 2 * ldo);
        c21.add(FloatVector.fromArray(S, addend, ad + 2 * lda + L)).intoArray(out, to + 2 * ldo + L);
        c30.add(FloatVector.fromArray(S, addend, ad + 3 * lda)).intoArray(out, to + 3 * ldo);
        c31.add(FloatVector.fromArray(S, addend, ad + 3 * lda + L)).intoArray(out, to + 3 * ldo + L);
        c40.add(FloatVector.fromArray(S, addend, ad + 4 * lda)).intoArray(out, to + 4 * ldo);
        c41.add(FloatVector.fromArray(S, addend, ad + 4 * lda + L)).intoArray(out, to + 4 * ldo + L);
        c50.add(FloatVector.fromArray(S, addend, ad + 5 * lda)).intoArray(out, to + 5 * ldo);
        c51.add(FloatVector.fromArray(S, addend, ad + 5 * lda + L)).intoArray(out, to + 5 * ldo + L);
    }
}
