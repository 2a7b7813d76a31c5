package dev.sinapsis.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * F32 max pooling with 2x2 windows, stride 2, no padding, over row-contiguous planes, vectorised: a
 * vector of the top row and one of the bottom row hold {@code L/2} windows; swapping neighbouring lanes
 * puts each window's four values in its even lane, where the maximum, the first position holding it
 * (top-left, top-right, bottom-left, bottom-right) and that element itself (so -0.0 and +0.0 keep
 * their sign) are selected with comparisons and blends; two such halves are compacted into one
 * output vector, and a row of at most {@code L/2} windows loads one vector per input row. Results go
 * through a one-vector buffer, so a chunk never writes past its row; chunks holding a NaN take the
 * scalar rule. The scalar loop took ~40 cycles per window (three {@code Math.max} blend sequences and
 * the branch-free position), most of a {@code cnn} step's pooling.
 */
final class MaxPoolPairs {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Lane i takes lane i xor 1: each window's right column next to its left. */
    private static final VectorShuffle<Float> SWAP = VectorShuffle.fromOp(S, i -> i ^ 1);
    /** Lane i takes lane 2i mod L: the even lanes packed into each half. */
    private static final VectorShuffle<Float> EVENS = VectorShuffle.fromOp(S, i -> (2 * i) % L);
    private static final VectorMask<Float> HIGH = VectorMask.fromLong(S, ((1L << L) - 1) & (-1L << (L / 2)));
    private static final FloatVector IOTA = FloatVector.fromArray(S, iota(), 0);

    private MaxPoolPairs() {
    }

    private static float[] iota() {
        float[] v = new float[L];
        for (int i = 0; i < L; i++) {
            v[i] = i;
        }
        return v;
    }

    /** One plane: input rows {@code 2y} and {@code 2y+1} from {@code base} ({@code sy} apart), width {@code w}. */
    static void plane(float[] src, int base, int sy, float[] dst, int o, long[] idx, int io, int oh, int ow, int w) {
        float[] pos = new float[L];
        float[] vals = new float[L];
        // a window's four candidates, relative to its chunk: top-left 2j, top-right 2j+1, then w below
        FloatVector right = IOTA.add(1f);
        FloatVector below = IOTA.add((float) w);
        FloatVector belowRight = below.add(1f);
        FloatVector[] offsets = {IOTA, right, below, belowRight};
        FloatVector half = FloatVector.broadcast(S, (float) L);
        FloatVector[] offsetsHigh = {IOTA.add(half), right.add(half), below.add(half), belowRight.add(half)};
        for (int y = 0; y < oh; y++) {
            int r0 = base + 2 * y * sy;
            int r1 = r0 + sy;
            long rowAt = (long) 2 * y * w;
            for (int x = 0; x < ow; x += L) {
                int n = Math.min(L, ow - x);
                int c0 = 2 * x;
                int reach = n <= L / 2 ? L : 2 * L; // input floats the chunk loads from each row
                if (r1 + c0 + reach <= src.length && r0 + c0 + reach <= src.length
                        && chunk(src, r0 + c0, r1 + c0, n, vals, pos, offsets, offsetsHigh)) {
                    System.arraycopy(vals, 0, dst, o + x, n);
                    for (int j = 0; j < n; j++) {
                        idx[io + x + j] = rowAt + c0 + (long) pos[j];
                    }
                } else {
                    scalar(src, r0, r1, dst, o + x, idx, io + x, x, n, rowAt, w);
                }
            }
            o += ow;
            io += ow;
        }
    }

    /**
     * Up to {@code L} windows whose top-left elements start at {@code t} (top row) and {@code b} (bottom
     * row), {@code n} of them wanted (one vector of each row when {@code n <= L/2}): maxima into {@code vals},
     * window-relative positions of the chosen elements ({@code 2j + (right) + (bottom ? w : 0)}) into
     * {@code pos}. False (nothing written) when a window holds a NaN.
     */
    private static boolean chunk(float[] src, int t, int b, int n, float[] vals, float[] pos, FloatVector[] offsets,
                                 FloatVector[] offsetsHigh) {
        FloatVector t0 = FloatVector.fromArray(S, src, t);
        FloatVector b0 = FloatVector.fromArray(S, src, b);
        FloatVector m0 = max4(t0, b0);
        if (m0.compare(VectorOperators.NE, m0).anyTrue()) {
            return false;
        }
        if (n <= L / 2) {
            chosen(t0, b0, m0, offsets, pos, false).rearrange(EVENS).intoArray(vals, 0);
            return true;
        }
        FloatVector t1 = FloatVector.fromArray(S, src, t + L);
        FloatVector b1 = FloatVector.fromArray(S, src, b + L);
        FloatVector m1 = max4(t1, b1);
        if (m1.compare(VectorOperators.NE, m1).anyTrue()) {
            return false;
        }
        FloatVector v0 = chosen(t0, b0, m0, offsets, pos, false);
        FloatVector v1 = chosen(t1, b1, m1, offsetsHigh, pos, true);
        v0.rearrange(EVENS).blend(v1.rearrange(EVENS), HIGH).intoArray(vals, 0);
        return true;
    }

    private static FloatVector max4(FloatVector top, FloatVector bottom) {
        return top.max(top.rearrange(SWAP)).max(bottom.max(bottom.rearrange(SWAP)));
    }

    /**
     * The element each window's maximum comes from, the first in the order top-left, top-right,
     * bottom-left, bottom-right: with no NaN, "v == m" (where -0.0 == +0.0) is "not m > v", so taking the
     * candidates in reverse order, each one that equals the maximum replaces the choice so far. Only
     * comparisons and blends: JDK 17 runs mask logic ({@code and}, {@code andNot}) in Java, allocating.
     * The chosen positions ({@code offsets} in that order) go into {@code pos}: its low half for the
     * first half of the chunk, its high half for the second.
     */
    private static FloatVector chosen(FloatVector top, FloatVector bottom, FloatVector m, FloatVector[] offsets,
                                      float[] pos, boolean high) {
        FloatVector topRight = top.rearrange(SWAP);
        FloatVector bottomRight = bottom.rearrange(SWAP);
        VectorMask<Float> is = bottom.compare(VectorOperators.EQ, m);
        FloatVector at = offsets[3].blend(offsets[2], is);
        FloatVector v = bottomRight.blend(bottom, is);
        is = topRight.compare(VectorOperators.EQ, m);
        at = at.blend(offsets[1], is);
        v = v.blend(topRight, is);
        is = top.compare(VectorOperators.EQ, m);
        at = at.blend(offsets[0], is);
        v = v.blend(top, is);
        FloatVector packed = at.rearrange(EVENS);
        if (high) {
            FloatVector low = FloatVector.fromArray(S, pos, 0);
            low.blend(packed, HIGH).intoArray(pos, 0);
        } else {
            packed.intoArray(pos, 0);
        }
        return v;
    }

    /** Windows {@code [x, x+n)} of one output row, one at a time (the NaN rule: the first NaN wins). */
    private static void scalar(float[] src, int r0, int r1, float[] dst, int o, long[] idx, int io, int x, int n,
                               long rowAt, int w) {
        for (int j = 0; j < n; j++) {
            int c0 = 2 * (x + j);
            float a = src[r0 + c0];
            float b = src[r0 + c0 + 1];
            float c = src[r1 + c0];
            float d = src[r1 + c0 + 1];
            int k;
            if (a != a || b != b || c != c || d != d) {
                k = a != a ? 0 : b != b ? 1 : c != c ? 2 : 3;
            } else {
                float m = Math.max(Math.max(a, b), Math.max(c, d));
                k = m > a ? (m > b ? (m > c ? 3 : 2) : 1) : 0;
            }
            dst[o + j] = k == 0 ? a : k == 1 ? b : k == 2 ? c : d;
            idx[io + j] = rowAt + (k >> 1) * w + c0 + (k & 1);
        }
    }
}
