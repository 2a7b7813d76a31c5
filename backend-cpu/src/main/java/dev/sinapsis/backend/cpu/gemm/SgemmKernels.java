package dev.sinapsis.backend.cpu.gemm;

import jdk.incubator.vector.FloatVector;
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
     * that follow.
     */
    static void kernel8x2Packing(int kc, float[] a, int aOff, int lda, float[] ap, int apOff, float[] bp,
                                 int bOff, float[] addend, int ad, int ldd, float[] out, int to, int ldo) {
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
        // no branch on whether to accumulate: C2 compiled one with an uncommon trap, and after the
        // trap fired, some JVMs ran this kernel with boxed vectors, 10x slower for the rest of their life
        c00 = c00.add(FloatVector.fromArray(S, addend, ad));
        c01 = c01.add(FloatVector.fromArray(S, addend, ad + L));
        c10 = c10.add(FloatVector.fromArray(S, addend, ad + ldd));
        c11 = c11.add(FloatVector.fromArray(S, addend, ad + ldd + L));
        c20 = c20.add(FloatVector.fromArray(S, addend, ad + 2 * ldd));
        c21 = c21.add(FloatVector.fromArray(S, addend, ad + 2 * ldd + L));
        c30 = c30.add(FloatVector.fromArray(S, addend, ad + 3 * ldd));
        c31 = c31.add(FloatVector.fromArray(S, addend, ad + 3 * ldd + L));
        c40 = c40.add(FloatVector.fromArray(S, addend, ad + 4 * ldd));
        c41 = c41.add(FloatVector.fromArray(S, addend, ad + 4 * ldd + L));
        c50 = c50.add(FloatVector.fromArray(S, addend, ad + 5 * ldd));
        c51 = c51.add(FloatVector.fromArray(S, addend, ad + 5 * ldd + L));
        c60 = c60.add(FloatVector.fromArray(S, addend, ad + 6 * ldd));
        c61 = c61.add(FloatVector.fromArray(S, addend, ad + 6 * ldd + L));
        c70 = c70.add(FloatVector.fromArray(S, addend, ad + 7 * ldd));
        c71 = c71.add(FloatVector.fromArray(S, addend, ad + 7 * ldd + L));
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
