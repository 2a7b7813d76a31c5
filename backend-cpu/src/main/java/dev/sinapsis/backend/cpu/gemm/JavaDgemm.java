package dev.sinapsis.backend.cpu.gemm;

import dev.sinapsis.backend.cpu.Parallel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double-precision GEMM {@code C = A·B} in pure Java, in {@link JavaSgemm}'s BLIS layout: B
 * packed into {@link #KC}×{@link #NR} column strips, A into {@link #MR}×{@code KC} row strips, a
 * register tile of accumulators over them with the Vector API, threads splitting the rows (or,
 * for few rows, the columns), each packing its own panels. Simpler than the F32 path (no packing
 * of A inside the kernels, no pre-packed B): F64 matters for gradient checks and scientific code,
 * where the plain loop it replaces ran at 8 GFLOP/s on a 512³ product (3.6 % of the FMA peak).
 *
 * <p>Java has no generics over primitive arrays, so the blocking below mirrors the F32 one
 * instead of sharing it.
 */
final class JavaDgemm {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** 8-lane vectors (AVX-512, 32 registers): the 8×2-vector tile; narrower: 6×2 (16 registers). */
    static final boolean WIDE = L >= 8;
    /** Rows of the register tile. */
    static final int MR = WIDE ? 8 : 6;
    /** Columns of the register tile. */
    static final int NR = 2 * L;
    /**
     * Depth of a packed panel: fewer passes over C than 256 (2 threads, AVX-512: 256³ +9 %, 1024³
     * +4 %, 2048³ +8 %), though a 512 × 16 strip of B (64 KB) then comes from L2.
     */
    static final int KC = 512;
    /** Rows of A per packed block (a 480 KB block, L2-sized). */
    static final int MC = 120 / MR * MR;
    /** Columns of B per packed panel (a 4 MB panel, L3-sized). */
    static final int NC = 512 * 1024 / KC / NR * NR;

    /** What a tile that does not accumulate adds to its sums (with row stride 0). */
    private static final double[] ZEROS = new double[NR];

    private static final ThreadLocal<double[][]> BUFFERS =
            ThreadLocal.withInitial(() -> new double[][] {new double[MC * KC], new double[KC * NC], new double[MR * NR]});

    private JavaDgemm() {
    }

    /** {@code c = a·b}; {@code c} is row-major with leading dimension {@code c.rowStride()}. */
    static void gemm(Matrix a, Matrix b, Matrix c) {
        int m = a.rows();
        int n = b.cols();
        int k = a.cols();
        int nStrips = (n + NR - 1) / NR;
        int mStrips = (m + MR - 1) / MR;
        boolean splitColumns = mStrips < 4 * Parallel.threads();
        int units = splitColumns ? nStrips : mStrips;
        long costPerUnit = 2L * m * n * k / Math.max(1, units) / 8;
        Parallel.forRange(units, costPerUnit, (from, to) -> {
            if (splitColumns) {
                run(a, b, c, 0, m, from * NR, Math.min(n, to * NR));
            } else {
                run(a, b, c, from * MR, Math.min(m, to * MR), 0, n);
            }
        });
    }

    /** Rows {@code [i0, i1)} × columns {@code [j0, j1)} of C. */
    private static void run(Matrix a, Matrix b, Matrix c, int i0, int i1, int j0, int j1) {
        double[][] buffers = BUFFERS.get();
        double[] ap = buffers[0];
        double[] bp = buffers[1];
        double[] edge = buffers[2];
        double[] cd = c.doubles();
        int ldc = c.rowStride();
        int k = a.cols();
        if (k == 0) {
            for (int i = i0; i < i1; i++) {
                java.util.Arrays.fill(cd, c.offset() + i * ldc + j0, c.offset() + i * ldc + j1, 0.0);
            }
            return;
        }
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(b, pc, kc, jc, nc, bp);
                boolean accumulate = pc > 0;
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    packA(a, ic, mc, pc, kc, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int cOff = c.offset() + (ic + ir) * ldc + jc + jr;
                            if (mr == MR && nr == NR) {
                                tile(kc, ap, ir * kc, bp, jr * kc, accumulate ? cd : ZEROS, accumulate ? cOff : 0,
                                        accumulate ? ldc : 0, cd, cOff, ldc);
                            } else {
                                tile(kc, ap, ir * kc, bp, jr * kc, ZEROS, 0, 0, edge, 0, NR);
                                for (int r = 0; r < mr; r++) {
                                    for (int q = 0; q < nr; q++) {
                                        int at = cOff + r * ldc + q;
                                        cd[at] = accumulate ? cd[at] + edge[r * NR + q] : edge[r * NR + q];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static void tile(int kc, double[] ap, int aOff, double[] bp, int bOff, double[] addend, int ad, int lda,
                             double[] out, int to, int ldo) {
        if (WIDE) {
            kernel8x2(kc, ap, aOff, bp, bOff, addend, ad, lda, out, to, ldo);
        } else {
            kernel6x2(kc, ap, aOff, bp, bOff, addend, ad, lda, out, to, ldo);
        }
    }

    /**
     * Sixteen accumulators over the panel's depth from zero, then {@code addend} (C, or a zero row
     * with stride 0: a branch here once made C2 box the vectors of the F32 kernel) added and the
     * tile stored into {@code out}. Written out, not through a helper taking vectors: a helper C2
     * does not inline (this method is large) gets its vectors boxed, 50x slower.
     */
    private static void kernel8x2(int kc, double[] ap, int aOff, double[] bp, int bOff, double[] addend, int ad,
                                  int lda, double[] out, int to, int ldo) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        DoubleVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int p = 0; p < kc; p++) {
            int a0 = aOff + 8 * p;
            int b0At = bOff + 2 * L * p;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, b0At);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, b0At + L);
            DoubleVector x = DoubleVector.broadcast(S, ap[a0]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, ap[a0 + 1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, ap[a0 + 2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, ap[a0 + 3]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, ap[a0 + 4]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, ap[a0 + 5]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(S, ap[a0 + 6]);
            c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(S, ap[a0 + 7]);
            c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        c00.add(DoubleVector.fromArray(S, addend, ad)).intoArray(out, to);
        c01.add(DoubleVector.fromArray(S, addend, ad + L)).intoArray(out, to + L);
        c10.add(DoubleVector.fromArray(S, addend, ad + lda)).intoArray(out, to + ldo);
        c11.add(DoubleVector.fromArray(S, addend, ad + lda + L)).intoArray(out, to + ldo + L);
        c20.add(DoubleVector.fromArray(S, addend, ad + 2 * lda)).intoArray(out, to + 2 * ldo);
        c21.add(DoubleVector.fromArray(S, addend, ad + 2 * lda + L)).intoArray(out, to + 2 * ldo + L);
        c30.add(DoubleVector.fromArray(S, addend, ad + 3 * lda)).intoArray(out, to + 3 * ldo);
        c31.add(DoubleVector.fromArray(S, addend, ad + 3 * lda + L)).intoArray(out, to + 3 * ldo + L);
        c40.add(DoubleVector.fromArray(S, addend, ad + 4 * lda)).intoArray(out, to + 4 * ldo);
        c41.add(DoubleVector.fromArray(S, addend, ad + 4 * lda + L)).intoArray(out, to + 4 * ldo + L);
        c50.add(DoubleVector.fromArray(S, addend, ad + 5 * lda)).intoArray(out, to + 5 * ldo);
        c51.add(DoubleVector.fromArray(S, addend, ad + 5 * lda + L)).intoArray(out, to + 5 * ldo + L);
        c60.add(DoubleVector.fromArray(S, addend, ad + 6 * lda)).intoArray(out, to + 6 * ldo);
        c61.add(DoubleVector.fromArray(S, addend, ad + 6 * lda + L)).intoArray(out, to + 6 * ldo + L);
        c70.add(DoubleVector.fromArray(S, addend, ad + 7 * lda)).intoArray(out, to + 7 * ldo);
        c71.add(DoubleVector.fromArray(S, addend, ad + 7 * lda + L)).intoArray(out, to + 7 * ldo + L);
    }


    /**
     * Twelve accumulators (6 rows × 2 vectors, fifteen registers with the B vectors and the
     * broadcast) for 4- and 2-lane vectors (AVX2, NEON: 16 registers); as {@link #kernel8x2} otherwise.
     */
    private static void kernel6x2(int kc, double[] ap, int aOff, double[] bp, int bOff, double[] addend, int ad,
                                  int lda, double[] out, int to, int ldo) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        DoubleVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) {
            int a0 = aOff + 6 * p;
            int b0At = bOff + 2 * L * p;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, b0At);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, b0At + L);
            DoubleVector x = DoubleVector.broadcast(S, ap[a0]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, ap[a0 + 1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, ap[a0 + 2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, ap[a0 + 3]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, ap[a0 + 4]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, ap[a0 + 5]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
        }
        c00.add(DoubleVector.fromArray(S, addend, ad)).intoArray(out, to);
        c01.add(DoubleVector.fromArray(S, addend, ad + L)).intoArray(out, to + L);
        c10.add(DoubleVector.fromArray(S, addend, ad + lda)).intoArray(out, to + ldo);
        c11.add(DoubleVector.fromArray(S, addend, ad + lda + L)).intoArray(out, to + ldo + L);
        c20.add(DoubleVector.fromArray(S, addend, ad + 2 * lda)).intoArray(out, to + 2 * ldo);
        c21.add(DoubleVector.fromArray(S, addend, ad + 2 * lda + L)).intoArray(out, to + 2 * ldo + L);
        c30.add(DoubleVector.fromArray(S, addend, ad + 3 * lda)).intoArray(out, to + 3 * ldo);
        c31.add(DoubleVector.fromArray(S, addend, ad + 3 * lda + L)).intoArray(out, to + 3 * ldo + L);
        c40.add(DoubleVector.fromArray(S, addend, ad + 4 * lda)).intoArray(out, to + 4 * ldo);
        c41.add(DoubleVector.fromArray(S, addend, ad + 4 * lda + L)).intoArray(out, to + 4 * ldo + L);
        c50.add(DoubleVector.fromArray(S, addend, ad + 5 * lda)).intoArray(out, to + 5 * ldo);
        c51.add(DoubleVector.fromArray(S, addend, ad + 5 * lda + L)).intoArray(out, to + 5 * ldo + L);
    }

    /** Rows {@code [i0, i0+mc)} × depth {@code [p0, p0+kc)} of A in MR-row strips, zero-padded. */
    private static void packA(Matrix a, int i0, int mc, int p0, int kc, double[] ap) {
        double[] src = a.doubles();
        int rs = a.rowStride();
        int cs = a.colStride();
        int o = 0;
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = a.offset() + (i0 + ir) * rs + p0 * cs;
            if (cs == 1) {
                // a row-major A, read along its rows
                for (int r = 0; r < mr; r++) {
                    int at = base + r * rs;
                    for (int p = 0; p < kc; p++) {
                        ap[o + p * MR + r] = src[at + p];
                    }
                }
            } else {
                // a transposed one (a weight gradient's operand), read along its columns
                for (int p = 0; p < kc; p++) {
                    int at = base + p * cs;
                    for (int r = 0; r < mr; r++) {
                        ap[o + p * MR + r] = src[at + r * rs];
                    }
                }
            }
            for (int r = mr; r < MR; r++) {
                for (int p = 0; p < kc; p++) {
                    ap[o + p * MR + r] = 0.0;
                }
            }
            o += MR * kc;
        }
    }

    /** Depth {@code [p0, p0+kc)} × columns {@code [j0, j0+nc)} of B in NR-column strips, zero-padded. */
    private static void packB(Matrix b, int p0, int kc, int j0, int nc, double[] bp) {
        double[] src = b.doubles();
        int rs = b.rowStride();
        int cs = b.colStride();
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int o = jr * kc;
            int base = b.offset() + p0 * rs + (j0 + jr) * cs;
            for (int p = 0; p < kc; p++) {
                int at = base + p * rs;
                int row = o + p * NR;
                if (cs == 1 && nr == NR) {
                    // two vector moves: System.arraycopy's call cost as much as the copy (F32: 256³ +4 %)
                    DoubleVector.fromArray(S, src, at).intoArray(bp, row);
                    DoubleVector.fromArray(S, src, at + L).intoArray(bp, row + L);
                    continue;
                } else if (cs == 1) {
                    System.arraycopy(src, at, bp, row, nr);
                } else {
                    for (int q = 0; q < nr; q++) {
                        bp[row + q] = src[at + q * cs];
                    }
                }
                for (int q = nr; q < NR; q++) {
                    bp[row + q] = 0.0;
                }
            }
        }
    }
}
