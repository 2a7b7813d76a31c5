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
 * output vector. Chunks holding a NaN, and the chunks at a plane's end (where a full vector store
 * would reach the next plane), take the scalar rule. The scalar loop took ~40 cycles per window
 * (three {@code Math.max} blend sequences and the branch-free position), most of a {@code cnn}
 * step's pooling.
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
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

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
        int planeEnd = o + oh * ow;
        float[] pos = new float[L];
        FloatVector width = FloatVector.broadcast(S, (float) w);
        for (int y = 0; y < oh; y++) {
            int r0 = base + 2 * y * sy;
            int r1 = r0 + sy;
            long rowAt = (long) 2 * y * w;
            for (int x = 0; x < ow; x += L, o += L, io += L) {
                int n = Math.min(L, ow - x);
                int c0 = 2 * x;
                boolean done = false;
                if (o + L <= planeEnd && r1 + c0 + 2 * L <= src.length && r0 + c0 + 2 * L <= src.length) {
                    done = chunk(src, r0 + c0, r1 + c0, dst, o, pos, width);
                }
                if (done) {
                    for (int j = 0; j < n; j++) {
                        idx[io + j] = rowAt + c0 + (long) pos[j];
                    }
                } else {
                    scalar(src, r0, r1, dst, o, idx, io, x, n, rowAt, w);
                }
            }
            o -= (ow + L - 1) / L * L - ow;
            io -= (ow + L - 1) / L * L - ow;
        }
    }

    /**
     * {@code L} windows whose top-left elements start at {@code t} (top row) and {@code b} (bottom row):
     * maxima into {@code dst[o..o+L)}, window-relative positions of the chosen elements ({@code 2j + (right)
     * + (bottom ? w : 0)}) into {@code pos}. False (nothing written) when a window holds a NaN.
     */
    private static boolean chunk(float[] src, int t, int b, float[] dst, int o, float[] pos, FloatVector width) {
        FloatVector t0 = FloatVector.fromArray(S, src, t);
        FloatVector b0 = FloatVector.fromArray(S, src, b);
        FloatVector t1 = FloatVector.fromArray(S, src, t + L);
        FloatVector b1 = FloatVector.fromArray(S, src, b + L);
        FloatVector m0 = max4(t0, b0);
        FloatVector m1 = max4(t1, b1);
        if (m0.compare(VectorOperators.NE, m0).or(m1.compare(VectorOperators.NE, m1)).anyTrue()) {
            return false;
        }
        FloatVector v0 = chosen(t0, b0, m0, width, IOTA, pos, false);
        FloatVector v1 = chosen(t1, b1, m1, width, IOTA.add((float) L), pos, true);
        v0.rearrange(EVENS).blend(v1.rearrange(EVENS), HIGH).intoArray(dst, o);
        return true;
    }

    private static FloatVector max4(FloatVector top, FloatVector bottom) {
        return top.max(top.rearrange(SWAP)).max(bottom.max(bottom.rearrange(SWAP)));
    }

    /**
     * The element each window's maximum comes from (the first in the order top-left, top-right,
     * bottom-left, bottom-right); its position relative to the chunk goes into {@code pos} (the low half
     * of {@code pos} for the first half of the chunk, the high half for the second).
     */
    private static FloatVector chosen(FloatVector top, FloatVector bottom, FloatVector m, FloatVector width,
                                      FloatVector columns, float[] pos, boolean high) {
        FloatVector topRight = top.rearrange(SWAP);
        FloatVector bottomRight = bottom.rearrange(SWAP);
        // with no NaN, "v != m" is "m > v" (also for -0.0 against +0.0)
        VectorMask<Float> notA = m.compare(VectorOperators.GT, top);
        VectorMask<Float> notB = notA.and(m.compare(VectorOperators.GT, topRight));
        VectorMask<Float> notC = notB.and(m.compare(VectorOperators.GT, bottom));
        VectorMask<Float> isB = notA.andNot(notB);
        VectorMask<Float> isC = notB.andNot(notC);
        FloatVector at = columns.add(width, notB).add(ONE, isB.or(notC));
        FloatVector packed = at.rearrange(EVENS);
        if (high) {
            FloatVector low = FloatVector.fromArray(S, pos, 0);
            low.blend(packed, HIGH).intoArray(pos, 0);
        } else {
            packed.intoArray(pos, 0);
        }
        return top.blend(topRight, isB).blend(bottom, isC).blend(bottomRight, notC);
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
