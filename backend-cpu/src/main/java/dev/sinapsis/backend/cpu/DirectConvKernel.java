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
     * Computes the {@code rows × lanes} result and stores it: transposed ({@code dst[dstOff + lane*ldd +
     * target[row]]}, lanes below {@code lanes} and rows whose target is not -1 only) or, when
     * {@code target} is null, added row by row into {@code dst[row * ldb + lane]} (every padded row and
     * lane).
     *
     * @param rowOff   row offsets, padded with valid offsets to a multiple of {@link #MR}
     * @param unitRows every tile's row offsets are consecutive ({@code rowOff[r0] + r}): read with
     *                 constant displacements, one address and one bounds check per step instead of eight
     * @param b        the packed operand {@code [steps][ldb]}, {@code ldb} a multiple of {@link #L}
     * @param start    the result's starting value per lane ({@code ldb} long)
     */
    static void product(float[] src, int[] rowOff, int rows, boolean unitRows, int[] stepOff, int steps, float[] b,
                        int ldb, int lanes, float[] start, float[] dst, int dstOff, int ldd, int[] target) {
        boolean accumulateRows = target == null;
        int tr = tileRows(unitRows, ldb);
        float[] tile = new float[Math.max(MR * NV, tr) * L];
        for (int r0 = 0; r0 < rows; r0 += tr) {
            int mr = Math.min(tr, rows - r0);
            for (int l0 = 0; l0 < ldb; ) {
                int width = ldb - l0 >= NV * L ? NV * L : L;
                if (tr == 2 * MR) {
                    kernel1Unit16(src, rowOff[r0], stepOff, steps, b, l0, ldb, start, tile);
                } else if (unitRows) {
                    if (width == 2 * L) {
                        kernel2Unit(src, rowOff[r0], stepOff, steps, b, l0, ldb, start, tile);
                    } else {
                        kernel1Unit(src, rowOff[r0], stepOff, steps, b, l0, ldb, start, tile);
                    }
                } else if (width == 2 * L) {
                    kernel2(src, rowOff, r0, stepOff, steps, b, l0, ldb, start, tile);
                } else {
                    kernel1(src, rowOff, r0, stepOff, steps, b, l0, ldb, start, tile);
                }
                if (accumulateRows) {
                    for (int r = 0; r < tr; r++) {
                        int at = (r0 + r) * ldb + l0;
                        for (int v = 0; v < width; v += L) {
                            FloatVector.fromArray(S, dst, at + v).add(FloatVector.fromArray(S, tile, r * width + v))
                                    .intoArray(dst, at + v);
                        }
                    }
                } else {
                    int end = Math.min(width, lanes - l0);
                    int live = mr;  // padding rows (target -1) come last in a tile
                    while (live > 0 && target[r0 + live - 1] < 0) {
                        live--;
                    }
                    for (int q = 0; q < end; q++) {
                        int at = dstOff + (l0 + q) * ldd;
                        for (int r = 0; r < live; r++) {
                            dst[at + target[r0 + r]] = tile[r * width + q];
                        }
                    }
                }
                l0 += width;
            }
        }
    }

    /** Eight rows × two vectors; the tile is row-major, {@code 2L} wide. */
    private static void kernel2(float[] src, int[] rowOff, int r0, int[] stepOff, int steps, float[] b, int bOff,
                                int ldb, float[] start, float[] tile) {
        int o0 = rowOff[r0], o1 = rowOff[r0 + 1], o2 = rowOff[r0 + 2], o3 = rowOff[r0 + 3];
        int o4 = rowOff[r0 + 4], o5 = rowOff[r0 + 5], o6 = rowOff[r0 + 6], o7 = rowOff[r0 + 7];
        FloatVector s0 = FloatVector.fromArray(S, start, bOff);
        FloatVector s1 = FloatVector.fromArray(S, start, bOff + L);
        FloatVector c00 = s0, c01 = s1, c10 = s0, c11 = s1, c20 = s0, c21 = s1, c30 = s0, c31 = s1;
        FloatVector c40 = s0, c41 = s1, c50 = s0, c51 = s1, c60 = s0, c61 = s1, c70 = s0, c71 = s1;
        for (int k = 0; k < steps; k++) {
            int s = stepOff[k];
            FloatVector b0 = FloatVector.fromArray(S, b, bOff);
            FloatVector b1 = FloatVector.fromArray(S, b, bOff + L);
            bOff += ldb;
            FloatVector x = FloatVector.broadcast(S, src[o0 + s]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, src[o1 + s]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, src[o2 + s]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, src[o3 + s]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, src[o4 + s]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, src[o5 + s]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, src[o6 + s]);
            c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, src[o7 + s]);
            c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L); c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L); c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L); c31.intoArray(tile, 7 * L);
        c40.intoArray(tile, 8 * L); c41.intoArray(tile, 9 * L);
        c50.intoArray(tile, 10 * L); c51.intoArray(tile, 11 * L);
        c60.intoArray(tile, 12 * L); c61.intoArray(tile, 13 * L);
        c70.intoArray(tile, 14 * L); c71.intoArray(tile, 15 * L);
    }

    /** {@link #kernel2} for rows at consecutive offsets from {@code o}. */
    private static void kernel2Unit(float[] src, int o, int[] stepOff, int steps, float[] b, int bOff, int ldb,
                                    float[] start, float[] tile) {
        FloatVector s0 = FloatVector.fromArray(S, start, bOff);
        FloatVector s1 = FloatVector.fromArray(S, start, bOff + L);
        FloatVector c00 = s0, c01 = s1, c10 = s0, c11 = s1, c20 = s0, c21 = s1, c30 = s0, c31 = s1;
        FloatVector c40 = s0, c41 = s1, c50 = s0, c51 = s1, c60 = s0, c61 = s1, c70 = s0, c71 = s1;
        for (int k = 0; k < steps; k++) {
            int a = o + stepOff[k];
            FloatVector b0 = FloatVector.fromArray(S, b, bOff);
            FloatVector b1 = FloatVector.fromArray(S, b, bOff + L);
            bOff += ldb;
            FloatVector x = FloatVector.broadcast(S, src[a]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, src[a + 1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, src[a + 2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, src[a + 3]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, src[a + 4]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, src[a + 5]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, src[a + 6]);
            c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, src[a + 7]);
            c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L); c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L); c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L); c31.intoArray(tile, 7 * L);
        c40.intoArray(tile, 8 * L); c41.intoArray(tile, 9 * L);
        c50.intoArray(tile, 10 * L); c51.intoArray(tile, 11 * L);
        c60.intoArray(tile, 12 * L); c61.intoArray(tile, 13 * L);
        c70.intoArray(tile, 14 * L); c71.intoArray(tile, 15 * L);
    }

    /** {@link #kernel1} for rows at consecutive offsets from {@code o}. */
    private static void kernel1Unit(float[] src, int o, int[] stepOff, int steps, float[] b, int bOff, int ldb,
                                    float[] start, float[] tile) {
        FloatVector s0 = FloatVector.fromArray(S, start, bOff);
        FloatVector c0 = s0, c1 = s0, c2 = s0, c3 = s0, c4 = s0, c5 = s0, c6 = s0, c7 = s0;
        for (int k = 0; k < steps; k++) {
            int a = o + stepOff[k];
            FloatVector b0 = FloatVector.fromArray(S, b, bOff);
            bOff += ldb;
            c0 = FloatVector.broadcast(S, src[a]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, src[a + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, src[a + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, src[a + 3]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, src[a + 4]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, src[a + 5]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, src[a + 6]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, src[a + 7]).fma(b0, c7);
        }
        c0.intoArray(tile, 0); c1.intoArray(tile, L); c2.intoArray(tile, 2 * L); c3.intoArray(tile, 3 * L);
        c4.intoArray(tile, 4 * L); c5.intoArray(tile, 5 * L); c6.intoArray(tile, 6 * L); c7.intoArray(tile, 7 * L);
    }

    /** Sixteen consecutive rows × one vector; the tile is row-major, {@code L} wide. */
    private static void kernel1Unit16(float[] src, int o, int[] stepOff, int steps, float[] b, int bOff, int ldb,
                                      float[] start, float[] tile) {
        FloatVector s0 = FloatVector.fromArray(S, start, bOff);
        FloatVector c0 = s0, c1 = s0, c2 = s0, c3 = s0, c4 = s0, c5 = s0, c6 = s0, c7 = s0;
        FloatVector c8 = s0, c9 = s0, c10 = s0, c11 = s0, c12 = s0, c13 = s0, c14 = s0, c15 = s0;
        for (int k = 0; k < steps; k++) {
            int a = o + stepOff[k];
            FloatVector b0 = FloatVector.fromArray(S, b, bOff);
            bOff += ldb;
            c0 = FloatVector.broadcast(S, src[a]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, src[a + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, src[a + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, src[a + 3]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, src[a + 4]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, src[a + 5]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, src[a + 6]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, src[a + 7]).fma(b0, c7);
            c8 = FloatVector.broadcast(S, src[a + 8]).fma(b0, c8);
            c9 = FloatVector.broadcast(S, src[a + 9]).fma(b0, c9);
            c10 = FloatVector.broadcast(S, src[a + 10]).fma(b0, c10);
            c11 = FloatVector.broadcast(S, src[a + 11]).fma(b0, c11);
            c12 = FloatVector.broadcast(S, src[a + 12]).fma(b0, c12);
            c13 = FloatVector.broadcast(S, src[a + 13]).fma(b0, c13);
            c14 = FloatVector.broadcast(S, src[a + 14]).fma(b0, c14);
            c15 = FloatVector.broadcast(S, src[a + 15]).fma(b0, c15);
        }
        c0.intoArray(tile, 0); c1.intoArray(tile, L); c2.intoArray(tile, 2 * L); c3.intoArray(tile, 3 * L);
        c4.intoArray(tile, 4 * L); c5.intoArray(tile, 5 * L); c6.intoArray(tile, 6 * L); c7.intoArray(tile, 7 * L);
        c8.intoArray(tile, 8 * L); c9.intoArray(tile, 9 * L); c10.intoArray(tile, 10 * L);
        c11.intoArray(tile, 11 * L); c12.intoArray(tile, 12 * L); c13.intoArray(tile, 13 * L);
        c14.intoArray(tile, 14 * L); c15.intoArray(tile, 15 * L);
    }

    /** Eight rows × one vector; the tile is row-major, {@code L} wide. */
    private static void kernel1(float[] src, int[] rowOff, int r0, int[] stepOff, int steps, float[] b, int bOff,
                                int ldb, float[] start, float[] tile) {
        int o0 = rowOff[r0], o1 = rowOff[r0 + 1], o2 = rowOff[r0 + 2], o3 = rowOff[r0 + 3];
        int o4 = rowOff[r0 + 4], o5 = rowOff[r0 + 5], o6 = rowOff[r0 + 6], o7 = rowOff[r0 + 7];
        FloatVector s0 = FloatVector.fromArray(S, start, bOff);
        FloatVector c0 = s0, c1 = s0, c2 = s0, c3 = s0, c4 = s0, c5 = s0, c6 = s0, c7 = s0;
        for (int k = 0; k < steps; k++) {
            int s = stepOff[k];
            FloatVector b0 = FloatVector.fromArray(S, b, bOff);
            bOff += ldb;
            c0 = FloatVector.broadcast(S, src[o0 + s]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, src[o1 + s]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, src[o2 + s]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, src[o3 + s]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, src[o4 + s]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, src[o5 + s]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, src[o6 + s]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, src[o7 + s]).fma(b0, c7);
        }
        c0.intoArray(tile, 0); c1.intoArray(tile, L); c2.intoArray(tile, 2 * L); c3.intoArray(tile, 3 * L);
        c4.intoArray(tile, 4 * L); c5.intoArray(tile, 5 * L); c6.intoArray(tile, 6 * L); c7.intoArray(tile, 7 * L);
    }
}
