package dev.sinapsis.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DirectConv}'s one product: {@code result[row][lane] = start[lane] + sum over k of
 * src[rowOffset[row] + stepOffset[k]] * b[k][lane]}, with rows in register tiles of {@link #MR} and
 * lanes in blocks of two vectors (16-lane machines: sixteen accumulators) or one. The row operand is
 * read in place through two offset tables, so neither operand of a convolution is unfolded.
 */
final class DirectConvKernel {
    /**
     * Reduction steps per pass: a pass reads at most 64 KB of the packed operand (this many rows × its
     * width), which every tile of the image then reads again from L1/L2; the running sums wait in the
     * work buffer between passes. Measured on the layers of {@code cnn} and {@code lenet}: 16 KB passes
     * were slower (each pass reloads and stores the sums), 64 KB and one pass even for 5x5 layers of
     * up to 32 channels, 64 KB ahead above that.
     */
    static int stepsPerPass(int ldb) {
        return Math.max(16, 16384 / ldb);
    }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes of the preferred float vector. */
    static final int L = S.length();
    /** Rows per register tile. */
    static final int MR = 8;
    /** Vectors per lane block: two where 32 vector registers hold sixteen accumulators (AVX-512), else one. */
    private static final int NV = L >= 16 ? 2 : 1;

    private DirectConvKernel() {
    }

    /**
     * Rows per tile: sixteen when the rows are consecutive and the result is one vector wide on a
     * 16-lane machine (sixteen accumulators instead of eight: at eight, each step's fixed cost — a
     * table load, an address, a B load, the loop — is shared by half as many FMAs and the kernel ran at
     * half the two-vector tile's rate), else {@link #MR}.
     */
    static int tileRows(boolean unitRows, int ldb) {
        return unitRows && ldb == L && L >= 16 ? 2 * MR : MR;
    }


    /**
     * Where element {@code (step k, lane)} of a packed operand ({@code steps} rows of {@code ldb} lanes)
     * lives: the lanes in blocks of {@code NV} vectors (the last block one vector when {@code ldb} leaves
     * one), each block's steps contiguous, so a kernel walks its block with a constant stride and C2
     * drops the per-step bounds checks of its loads (a row-major {@code [steps][ldb]} operand kept them:
     * a {@code cnn} step 5 % slower).
     */
    static int packedAt(int k, int lane, int steps, int ldb) {
        int l0 = blockStart(lane);
        return l0 * steps + k * blockWidth(l0, ldb) + lane - l0;
    }

    /** The first lane of the packed operand's block holding {@code lane}. */
    static int blockStart(int lane) {
        return lane / (NV * L) * (NV * L);
    }

    /** Lanes in the packed operand's block starting at lane {@code l0} (see {@link #packedAt}). */
    static int blockWidth(int l0, int ldb) {
        return ldb - l0 >= NV * L ? NV * L : L;
    }

    /**
     * Computes the {@code rows × lanes} result and stores it: transposed ({@code dst[dstOff + lane*ldd +
     * target[row]]}, lanes below {@code lanes} and rows whose target is not -1 only), the running sums
     * kept in {@code work} ({@code rowOff.length × ldb} floats) between passes; or, when {@code target}
     * is null, added row by row into {@code dst[row * ldb + lane]} (every padded row and lane; {@code work}
     * unused).
     *
     * @param rowOff   row offsets, padded with valid offsets to whole tiles ({@link #tileRows})
     * @param unitRows every tile's row offsets are consecutive ({@code rowOff[r0] + r}): read with
     *                 constant displacements, one address and one bounds check per step instead of eight
     * @param b        the packed operand, {@code steps × ldb} laid out by {@link #packedAt}, {@code ldb} a
     *                 multiple of {@link #L}
     * @param start    the result's starting value per lane ({@code ldb} long)
     */
    static void product(float[] src, int[] rowOff, int rows, boolean unitRows, int[] stepOff, int steps, float[] b,
                        int ldb, int lanes, float[] start, float[] dst, int dstOff, int ldd, int[] target,
                        float[] work) {
        boolean accumulateRows = target == null;
        float[] acc = accumulateRows ? dst : work;
        int tr = tileRows(unitRows, ldb);
        int pass = stepsPerPass(ldb);
        for (int k0 = 0; k0 < steps; k0 += pass) {
            int k1 = Math.min(steps, k0 + pass);
            boolean fresh = k0 == 0 && !accumulateRows;
            for (int r0 = 0; r0 < rows; r0 += tr) {
                for (int l0 = 0; l0 < ldb; ) {
                    int width = blockWidth(l0, ldb);
                    float[] init = fresh ? start : acc;
                    int io = fresh ? l0 : r0 * ldb + l0;
                    int is = fresh ? 0 : ldb;
                    int at = r0 * ldb + l0;
                    int bOff = l0 * steps; // this lane block's packed steps
                    if (tr == 2 * MR) {
                        kernel1Unit16(src, rowOff[r0], stepOff, k0, k1, b, bOff, ldb, init, io, is, acc, at);
                    } else if (unitRows) {
                        if (width == 2 * L) {
                            kernel2Unit(src, rowOff[r0], stepOff, k0, k1, b, bOff, ldb, init, io, is, acc, at);
                        } else {
                            kernel1Unit(src, rowOff[r0], stepOff, k0, k1, b, bOff, ldb, init, io, is, acc, at);
                        }
                    } else if (width == 2 * L) {
                        kernel2(src, rowOff, r0, stepOff, k0, k1, b, bOff, ldb, init, io, is, acc, at);
                    } else {
                        kernel1(src, rowOff, r0, stepOff, k0, k1, b, bOff, ldb, init, io, is, acc, at);
                    }
                    l0 += width;
                }
            }
        }
        if (!accumulateRows) {
            if (steps == 0) { // no reduction at all (a phase no tap reaches): the result is the start
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(start, 0, work, r * ldb, ldb);
                }
            }
            for (int q = 0; q < lanes; q++) {
                int to = dstOff + q * ldd;
                for (int r = 0; r < rows; r++) {
                    int t = target[r];
                    if (t >= 0) {
                        dst[to + t] = work[r * ldb + q];
                    }
                }
            }
        }
    }

    /** Eight rows (offsets from the table) × two vectors. Sums start from {@code init[io + row*is]} and go to {@code out[at + row*ldb]}. */
    private static void kernel2(float[] src, int[] rowOff, int r0, int[] stepOff, int k0, int k1, float[] b, int bOff,
            int ldb, float[] init, int io, int is, float[] out, int at) {
        int o0 = rowOff[r0], o1 = rowOff[r0 + 1], o2 = rowOff[r0 + 2], o3 = rowOff[r0 + 3];
        int o4 = rowOff[r0 + 4], o5 = rowOff[r0 + 5], o6 = rowOff[r0 + 6], o7 = rowOff[r0 + 7];
        FloatVector c0_0 = FloatVector.fromArray(S, init, io);
        FloatVector c0_1 = FloatVector.fromArray(S, init, io + L);
        FloatVector c1_0 = FloatVector.fromArray(S, init, io + 1 * is);
        FloatVector c1_1 = FloatVector.fromArray(S, init, io + 1 * is + L);
        FloatVector c2_0 = FloatVector.fromArray(S, init, io + 2 * is);
        FloatVector c2_1 = FloatVector.fromArray(S, init, io + 2 * is + L);
        FloatVector c3_0 = FloatVector.fromArray(S, init, io + 3 * is);
        FloatVector c3_1 = FloatVector.fromArray(S, init, io + 3 * is + L);
        FloatVector c4_0 = FloatVector.fromArray(S, init, io + 4 * is);
        FloatVector c4_1 = FloatVector.fromArray(S, init, io + 4 * is + L);
        FloatVector c5_0 = FloatVector.fromArray(S, init, io + 5 * is);
        FloatVector c5_1 = FloatVector.fromArray(S, init, io + 5 * is + L);
        FloatVector c6_0 = FloatVector.fromArray(S, init, io + 6 * is);
        FloatVector c6_1 = FloatVector.fromArray(S, init, io + 6 * is + L);
        FloatVector c7_0 = FloatVector.fromArray(S, init, io + 7 * is);
        FloatVector c7_1 = FloatVector.fromArray(S, init, io + 7 * is + L);
        for (int k = k0; k < k1; k++) {
            int s = stepOff[k];
            FloatVector b0 = FloatVector.fromArray(S, b, bOff + k * (2 * L));
            FloatVector b1 = FloatVector.fromArray(S, b, bOff + k * (2 * L) + L);
            FloatVector x0 = FloatVector.broadcast(S, src[o0 + s]);
            c0_0 = x0.fma(b0, c0_0);
            c0_1 = x0.fma(b1, c0_1);
            FloatVector x1 = FloatVector.broadcast(S, src[o1 + s]);
            c1_0 = x1.fma(b0, c1_0);
            c1_1 = x1.fma(b1, c1_1);
            FloatVector x2 = FloatVector.broadcast(S, src[o2 + s]);
            c2_0 = x2.fma(b0, c2_0);
            c2_1 = x2.fma(b1, c2_1);
            FloatVector x3 = FloatVector.broadcast(S, src[o3 + s]);
            c3_0 = x3.fma(b0, c3_0);
            c3_1 = x3.fma(b1, c3_1);
            FloatVector x4 = FloatVector.broadcast(S, src[o4 + s]);
            c4_0 = x4.fma(b0, c4_0);
            c4_1 = x4.fma(b1, c4_1);
            FloatVector x5 = FloatVector.broadcast(S, src[o5 + s]);
            c5_0 = x5.fma(b0, c5_0);
            c5_1 = x5.fma(b1, c5_1);
            FloatVector x6 = FloatVector.broadcast(S, src[o6 + s]);
            c6_0 = x6.fma(b0, c6_0);
            c6_1 = x6.fma(b1, c6_1);
            FloatVector x7 = FloatVector.broadcast(S, src[o7 + s]);
            c7_0 = x7.fma(b0, c7_0);
            c7_1 = x7.fma(b1, c7_1);
        }
        c0_0.intoArray(out, at);
        c0_1.intoArray(out, at + L);
        c1_0.intoArray(out, at + 1 * ldb);
        c1_1.intoArray(out, at + 1 * ldb + L);
        c2_0.intoArray(out, at + 2 * ldb);
        c2_1.intoArray(out, at + 2 * ldb + L);
        c3_0.intoArray(out, at + 3 * ldb);
        c3_1.intoArray(out, at + 3 * ldb + L);
        c4_0.intoArray(out, at + 4 * ldb);
        c4_1.intoArray(out, at + 4 * ldb + L);
        c5_0.intoArray(out, at + 5 * ldb);
        c5_1.intoArray(out, at + 5 * ldb + L);
        c6_0.intoArray(out, at + 6 * ldb);
        c6_1.intoArray(out, at + 6 * ldb + L);
        c7_0.intoArray(out, at + 7 * ldb);
        c7_1.intoArray(out, at + 7 * ldb + L);
    }

    /** Eight rows (offsets from the table) × one vector. Sums start from {@code init[io + row*is]} and go to {@code out[at + row*ldb]}. */
    private static void kernel1(float[] src, int[] rowOff, int r0, int[] stepOff, int k0, int k1, float[] b, int bOff,
            int ldb, float[] init, int io, int is, float[] out, int at) {
        int o0 = rowOff[r0], o1 = rowOff[r0 + 1], o2 = rowOff[r0 + 2], o3 = rowOff[r0 + 3];
        int o4 = rowOff[r0 + 4], o5 = rowOff[r0 + 5], o6 = rowOff[r0 + 6], o7 = rowOff[r0 + 7];
        FloatVector c0_0 = FloatVector.fromArray(S, init, io);
        FloatVector c1_0 = FloatVector.fromArray(S, init, io + 1 * is);
        FloatVector c2_0 = FloatVector.fromArray(S, init, io + 2 * is);
        FloatVector c3_0 = FloatVector.fromArray(S, init, io + 3 * is);
        FloatVector c4_0 = FloatVector.fromArray(S, init, io + 4 * is);
        FloatVector c5_0 = FloatVector.fromArray(S, init, io + 5 * is);
        FloatVector c6_0 = FloatVector.fromArray(S, init, io + 6 * is);
        FloatVector c7_0 = FloatVector.fromArray(S, init, io + 7 * is);
        for (int k = k0; k < k1; k++) {
            int s = stepOff[k];
            FloatVector b0 = FloatVector.fromArray(S, b, bOff + k * (L));
            c0_0 = FloatVector.broadcast(S, src[o0 + s]).fma(b0, c0_0);
            c1_0 = FloatVector.broadcast(S, src[o1 + s]).fma(b0, c1_0);
            c2_0 = FloatVector.broadcast(S, src[o2 + s]).fma(b0, c2_0);
            c3_0 = FloatVector.broadcast(S, src[o3 + s]).fma(b0, c3_0);
            c4_0 = FloatVector.broadcast(S, src[o4 + s]).fma(b0, c4_0);
            c5_0 = FloatVector.broadcast(S, src[o5 + s]).fma(b0, c5_0);
            c6_0 = FloatVector.broadcast(S, src[o6 + s]).fma(b0, c6_0);
            c7_0 = FloatVector.broadcast(S, src[o7 + s]).fma(b0, c7_0);
        }
        c0_0.intoArray(out, at);
        c1_0.intoArray(out, at + 1 * ldb);
        c2_0.intoArray(out, at + 2 * ldb);
        c3_0.intoArray(out, at + 3 * ldb);
        c4_0.intoArray(out, at + 4 * ldb);
        c5_0.intoArray(out, at + 5 * ldb);
        c6_0.intoArray(out, at + 6 * ldb);
        c7_0.intoArray(out, at + 7 * ldb);
    }

    /** Eight consecutive rows × two vectors. Sums start from {@code init[io + row*is]} and go to {@code out[at + row*ldb]}. */
    private static void kernel2Unit(float[] src, int o, int[] stepOff, int k0, int k1, float[] b, int bOff,
            int ldb, float[] init, int io, int is, float[] out, int at) {
        FloatVector c0_0 = FloatVector.fromArray(S, init, io);
        FloatVector c0_1 = FloatVector.fromArray(S, init, io + L);
        FloatVector c1_0 = FloatVector.fromArray(S, init, io + 1 * is);
        FloatVector c1_1 = FloatVector.fromArray(S, init, io + 1 * is + L);
        FloatVector c2_0 = FloatVector.fromArray(S, init, io + 2 * is);
        FloatVector c2_1 = FloatVector.fromArray(S, init, io + 2 * is + L);
        FloatVector c3_0 = FloatVector.fromArray(S, init, io + 3 * is);
        FloatVector c3_1 = FloatVector.fromArray(S, init, io + 3 * is + L);
        FloatVector c4_0 = FloatVector.fromArray(S, init, io + 4 * is);
        FloatVector c4_1 = FloatVector.fromArray(S, init, io + 4 * is + L);
        FloatVector c5_0 = FloatVector.fromArray(S, init, io + 5 * is);
        FloatVector c5_1 = FloatVector.fromArray(S, init, io + 5 * is + L);
        FloatVector c6_0 = FloatVector.fromArray(S, init, io + 6 * is);
        FloatVector c6_1 = FloatVector.fromArray(S, init, io + 6 * is + L);
        FloatVector c7_0 = FloatVector.fromArray(S, init, io + 7 * is);
        FloatVector c7_1 = FloatVector.fromArray(S, init, io + 7 * is + L);
        for (int k = k0; k < k1; k++) {
            int a = o + stepOff[k];
            FloatVector b0 = FloatVector.fromArray(S, b, bOff + k * (2 * L));
            FloatVector b1 = FloatVector.fromArray(S, b, bOff + k * (2 * L) + L);
            FloatVector x0 = FloatVector.broadcast(S, src[a]);
            c0_0 = x0.fma(b0, c0_0);
            c0_1 = x0.fma(b1, c0_1);
            FloatVector x1 = FloatVector.broadcast(S, src[a + 1]);
            c1_0 = x1.fma(b0, c1_0);
            c1_1 = x1.fma(b1, c1_1);
            FloatVector x2 = FloatVector.broadcast(S, src[a + 2]);
            c2_0 = x2.fma(b0, c2_0);
            c2_1 = x2.fma(b1, c2_1);
            FloatVector x3 = FloatVector.broadcast(S, src[a + 3]);
            c3_0 = x3.fma(b0, c3_0);
            c3_1 = x3.fma(b1, c3_1);
            FloatVector x4 = FloatVector.broadcast(S, src[a + 4]);
            c4_0 = x4.fma(b0, c4_0);
            c4_1 = x4.fma(b1, c4_1);
            FloatVector x5 = FloatVector.broadcast(S, src[a + 5]);
            c5_0 = x5.fma(b0, c5_0);
            c5_1 = x5.fma(b1, c5_1);
            FloatVector x6 = FloatVector.broadcast(S, src[a + 6]);
            c6_0 = x6.fma(b0, c6_0);
            c6_1 = x6.fma(b1, c6_1);
            FloatVector x7 = FloatVector.broadcast(S, src[a + 7]);
            c7_0 = x7.fma(b0, c7_0);
            c7_1 = x7.fma(b1, c7_1);
        }
        c0_0.intoArray(out, at);
        c0_1.intoArray(out, at + L);
        c1_0.intoArray(out, at + 1 * ldb);
        c1_1.intoArray(out, at + 1 * ldb + L);
        c2_0.intoArray(out, at + 2 * ldb);
        c2_1.intoArray(out, at + 2 * ldb + L);
        c3_0.intoArray(out, at + 3 * ldb);
        c3_1.intoArray(out, at + 3 * ldb + L);
        c4_0.intoArray(out, at + 4 * ldb);
        c4_1.intoArray(out, at + 4 * ldb + L);
        c5_0.intoArray(out, at + 5 * ldb);
        c5_1.intoArray(out, at + 5 * ldb + L);
        c6_0.intoArray(out, at + 6 * ldb);
        c6_1.intoArray(out, at + 6 * ldb + L);
        c7_0.intoArray(out, at + 7 * ldb);
        c7_1.intoArray(out, at + 7 * ldb + L);
    }

    /** Eight consecutive rows × one vector. Sums start from {@code init[io + row*is]} and go to {@code out[at + row*ldb]}. */
    private static void kernel1Unit(float[] src, int o, int[] stepOff, int k0, int k1, float[] b, int bOff,
            int ldb, float[] init, int io, int is, float[] out, int at) {
        FloatVector c0_0 = FloatVector.fromArray(S, init, io);
        FloatVector c1_0 = FloatVector.fromArray(S, init, io + 1 * is);
        FloatVector c2_0 = FloatVector.fromArray(S, init, io + 2 * is);
        FloatVector c3_0 = FloatVector.fromArray(S, init, io + 3 * is);
        FloatVector c4_0 = FloatVector.fromArray(S, init, io + 4 * is);
        FloatVector c5_0 = FloatVector.fromArray(S, init, io + 5 * is);
        FloatVector c6_0 = FloatVector.fromArray(S, init, io + 6 * is);
        FloatVector c7_0 = FloatVector.fromArray(S, init, io + 7 * is);
        for (int k = k0; k < k1; k++) {
            int a = o + stepOff[k];
            FloatVector b0 = FloatVector.fromArray(S, b, bOff + k * (L));
            c0_0 = FloatVector.broadcast(S, src[a]).fma(b0, c0_0);
            c1_0 = FloatVector.broadcast(S, src[a + 1]).fma(b0, c1_0);
            c2_0 = FloatVector.broadcast(S, src[a + 2]).fma(b0, c2_0);
            c3_0 = FloatVector.broadcast(S, src[a + 3]).fma(b0, c3_0);
            c4_0 = FloatVector.broadcast(S, src[a + 4]).fma(b0, c4_0);
            c5_0 = FloatVector.broadcast(S, src[a + 5]).fma(b0, c5_0);
            c6_0 = FloatVector.broadcast(S, src[a + 6]).fma(b0, c6_0);
            c7_0 = FloatVector.broadcast(S, src[a + 7]).fma(b0, c7_0);
        }
        c0_0.intoArray(out, at);
        c1_0.intoArray(out, at + 1 * ldb);
        c2_0.intoArray(out, at + 2 * ldb);
        c3_0.intoArray(out, at + 3 * ldb);
        c4_0.intoArray(out, at + 4 * ldb);
        c5_0.intoArray(out, at + 5 * ldb);
        c6_0.intoArray(out, at + 6 * ldb);
        c7_0.intoArray(out, at + 7 * ldb);
    }

    /** Sixteen consecutive rows × one vector. Sums start from {@code init[io + row*is]} and go to {@code out[at + row*ldb]}. */
    private static void kernel1Unit16(float[] src, int o, int[] stepOff, int k0, int k1, float[] b, int bOff,
            int ldb, float[] init, int io, int is, float[] out, int at) {
        FloatVector c0_0 = FloatVector.fromArray(S, init, io);
        FloatVector c1_0 = FloatVector.fromArray(S, init, io + 1 * is);
        FloatVector c2_0 = FloatVector.fromArray(S, init, io + 2 * is);
        FloatVector c3_0 = FloatVector.fromArray(S, init, io + 3 * is);
        FloatVector c4_0 = FloatVector.fromArray(S, init, io + 4 * is);
        FloatVector c5_0 = FloatVector.fromArray(S, init, io + 5 * is);
        FloatVector c6_0 = FloatVector.fromArray(S, init, io + 6 * is);
        FloatVector c7_0 = FloatVector.fromArray(S, init, io + 7 * is);
        FloatVector c8_0 = FloatVector.fromArray(S, init, io + 8 * is);
        FloatVector c9_0 = FloatVector.fromArray(S, init, io + 9 * is);
        FloatVector c10_0 = FloatVector.fromArray(S, init, io + 10 * is);
        FloatVector c11_0 = FloatVector.fromArray(S, init, io + 11 * is);
        FloatVector c12_0 = FloatVector.fromArray(S, init, io + 12 * is);
        FloatVector c13_0 = FloatVector.fromArray(S, init, io + 13 * is);
        FloatVector c14_0 = FloatVector.fromArray(S, init, io + 14 * is);
        FloatVector c15_0 = FloatVector.fromArray(S, init, io + 15 * is);
        for (int k = k0; k < k1; k++) {
            int a = o + stepOff[k];
            FloatVector b0 = FloatVector.fromArray(S, b, bOff + k * (L));
            c0_0 = FloatVector.broadcast(S, src[a]).fma(b0, c0_0);
            c1_0 = FloatVector.broadcast(S, src[a + 1]).fma(b0, c1_0);
            c2_0 = FloatVector.broadcast(S, src[a + 2]).fma(b0, c2_0);
            c3_0 = FloatVector.broadcast(S, src[a + 3]).fma(b0, c3_0);
            c4_0 = FloatVector.broadcast(S, src[a + 4]).fma(b0, c4_0);
            c5_0 = FloatVector.broadcast(S, src[a + 5]).fma(b0, c5_0);
            c6_0 = FloatVector.broadcast(S, src[a + 6]).fma(b0, c6_0);
            c7_0 = FloatVector.broadcast(S, src[a + 7]).fma(b0, c7_0);
            c8_0 = FloatVector.broadcast(S, src[a + 8]).fma(b0, c8_0);
            c9_0 = FloatVector.broadcast(S, src[a + 9]).fma(b0, c9_0);
            c10_0 = FloatVector.broadcast(S, src[a + 10]).fma(b0, c10_0);
            c11_0 = FloatVector.broadcast(S, src[a + 11]).fma(b0, c11_0);
            c12_0 = FloatVector.broadcast(S, src[a + 12]).fma(b0, c12_0);
            c13_0 = FloatVector.broadcast(S, src[a + 13]).fma(b0, c13_0);
            c14_0 = FloatVector.broadcast(S, src[a + 14]).fma(b0, c14_0);
            c15_0 = FloatVector.broadcast(S, src[a + 15]).fma(b0, c15_0);
        }
        c0_0.intoArray(out, at);
        c1_0.intoArray(out, at + 1 * ldb);
        c2_0.intoArray(out, at + 2 * ldb);
        c3_0.intoArray(out, at + 3 * ldb);
        c4_0.intoArray(out, at + 4 * ldb);
        c5_0.intoArray(out, at + 5 * ldb);
        c6_0.intoArray(out, at + 6 * ldb);
        c7_0.intoArray(out, at + 7 * ldb);
        c8_0.intoArray(out, at + 8 * ldb);
        c9_0.intoArray(out, at + 9 * ldb);
        c10_0.intoArray(out, at + 10 * ldb);
        c11_0.intoArray(out, at + 11 * ldb);
        c12_0.intoArray(out, at + 12 * ldb);
        c13_0.intoArray(out, at + 13 * ldb);
        c14_0.intoArray(out, at + 14 * ldb);
        c15_0.intoArray(out, at + 15 * ldb);
    }
}
