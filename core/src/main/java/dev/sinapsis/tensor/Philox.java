package dev.sinapsis.tensor;

/**
 * The counter-based random generator every backend reproduces bit for bit: Philox4x32-10
 * (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11).
 *
 * <p>Element {@code i} of a fill with seed {@code s} starting at counter offset {@code o} is
 * computed from the four 32-bit words {@code r0..r3 = philox(key = s, counter = o + i)}, where the
 * 64-bit seed is the key (low word first) and the 64-bit counter fills the first two counter
 * words (low word first), the other two being 0:
 * <ul>
 * <li>uniform F32: {@code u = (r0 >>> 8) * 2^-24}; F64: {@code u = (r0 << 21 | r1 >>> 11) * 2^-53};
 *     value {@code a + (b - a) * u} computed in double, then rounded to the dtype;</li>
 * <li>normal: Box–Muller, {@code u1 = (r0 + 1) * 2^-32}, {@code u2 = r1 * 2^-32},
 *     {@code a + b * sqrt(-2 ln u1) * cos(2 pi u2)} in double with fdlibm's log and cos
 *     ({@link StrictMath}), then rounded;</li>
 * <li>Bernoulli: 1 when {@code (r0 >>> 8) * 2^-24 < p}, else 0;</li>
 * <li>randint in {@code [a, b)}: {@code a + floor(x * (b - a) / 2^64)} with the unsigned 64-bit
 *     {@code x = r0 << 32 | r1}.</li>
 * </ul>
 * Device backends port these few lines; the conformance suite checks they match.
 */
public final class Philox {
    private static final int M0 = 0xD2511F53;
    private static final int M1 = 0xCD9E8D57;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    private static final double TWO_PI = 2 * Math.PI;

    private Philox() {
    }

    /**
     * Philox4x32-10 of a full 128-bit counter and 64-bit key.
     *
     * @return the four output words
     */
    public static int[] block(int c0, int c1, int c2, int c3, int k0, int k1) {
        for (int round = 0; round < 10; round++) {
            long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
            long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
            int hi0 = (int) (p0 >>> 32);
            int lo0 = (int) p0;
            int hi1 = (int) (p1 >>> 32);
            int lo1 = (int) p1;
            int n0 = hi1 ^ c1 ^ k0;
            int n2 = hi0 ^ c3 ^ k1;
            c0 = n0;
            c1 = lo1;
            c2 = n2;
            c3 = lo0;
            k0 += W0;
            k1 += W1;
        }
        return new int[] {c0, c1, c2, c3};
    }

    /** The four words for element counter {@code counter} under {@code seed}. */
    public static int[] words(long seed, long counter) {
        return block((int) counter, (int) (counter >>> 32), 0, 0, (int) seed, (int) (seed >>> 32));
    }

    /** Uniform in {@code [0, 1)} with 24 random bits (the F32 stream). */
    public static float uniformFloat(long seed, long counter) {
        return ((words(seed, counter)[0] >>> 8)) * 0x1.0p-24f;
    }

    /** Uniform in {@code [0, 1)} with 53 random bits (the F64 stream). */
    public static double uniformDouble(long seed, long counter) {
        int[] r = words(seed, counter);
        long bits = ((r[0] & 0xFFFFFFFFL) << 21) | ((r[1] & 0xFFFFFFFFL) >>> 11);
        return bits * 0x1.0p-53;
    }

    /** Standard normal sample (Box–Muller, cosine branch) in double. */
    public static double standardNormal(long seed, long counter) {
        int[] r = words(seed, counter);
        double u1 = ((r[0] & 0xFFFFFFFFL) + 1) * 0x1.0p-32;
        double u2 = (r[1] & 0xFFFFFFFFL) * 0x1.0p-32;
        // StrictMath (fdlibm): Math.log/cos may differ in the last bit between JVMs and platforms,
        // and device kernels port fdlibm to reproduce these bits
        return Math.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(TWO_PI * u2);
    }

    /** Bernoulli draw with probability {@code p}. */
    public static boolean bernoulli(long seed, long counter, double p) {
        return ((words(seed, counter)[0] >>> 8) * 0x1.0p-24) < p;
    }

    /** Integer uniform in {@code [low, high)}; requires {@code high > low}. */
    public static long randint(long seed, long counter, long low, long high) {
        int[] r = words(seed, counter);
        long x = ((r[0] & 0xFFFFFFFFL) << 32) | (r[1] & 0xFFFFFFFFL);
        long range = high - low;
        // unsigned high half of x * range, for range > 0
        long hi = Math.multiplyHigh(x, range) + ((x >> 63) & range);
        return low + hi;
    }

    /**
     * The value of element {@code counter} for a distribution, as a double (before rounding to the
     * output dtype). {@code f32} selects the 24-bit uniform stream.
     */
    public static double sample(dev.sinapsis.backend.Distribution d, long seed, long counter,
                                double a, double b, boolean f32) {
        return switch (d) {
            case UNIFORM -> a + (b - a) * (f32 ? uniformFloat(seed, counter) : uniformDouble(seed, counter));
            case NORMAL -> a + b * standardNormal(seed, counter);
            case BERNOULLI -> bernoulli(seed, counter, a) ? 1.0 : 0.0;
            case RANDINT -> randint(seed, counter, (long) a, (long) b);
        };
    }
}
