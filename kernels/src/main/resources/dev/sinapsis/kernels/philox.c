/*
 * Counter-based random fill reproducing dev.sinapsis.tensor.Philox bit for bit: element i is made
 * from Philox4x32-10(key = seed, counter = offset + i). Defines: KNAME, TO, DIST (0 uniform,
 * 1 normal, 2 bernoulli, 3 randint), STORE_D(v) (double to TO, Java rules), STORE_L(v) (long to TO).
 * The double arithmetic uses DADD/DMUL so no compiler fuses it into FMA (different bits).
 * F32_STREAM selects the 24-bit uniform of float outputs.
 */
#ifndef PHILOX_DEFINED
#define PHILOX_DEFINED
DEVICE void philox4x32_10(u32 c0, u32 c1, u32 k0, u32 k1, u32 *r) {
    u32 c2 = 0;
    u32 c3 = 0;
    for (int round = 0; round < 10; round++) {
        u32 lo0 = 0xD2511F53u * c0;
        u32 hi0 = MULHI32(0xD2511F53u, c0);
        u32 lo1 = 0xCD9E8D57u * c2;
        u32 hi1 = MULHI32(0xCD9E8D57u, c2);
        u32 n0 = hi1 ^ c1 ^ k0;
        u32 n2 = hi0 ^ c3 ^ k1;
        c0 = n0;
        c1 = lo1;
        c2 = n2;
        c3 = lo0;
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    r[0] = c0;
    r[1] = c1;
    r[2] = c2;
    r[3] = c3;
}
#endif

KERNEL KNAME(GLOBAL TO *out, int o_off, int n, u64 seed, u64 offset, REAL a, REAL b, i64 la, i64 lb) {
    for (int i = GID(0); i < n; i += GSIZE(0)) {
        u64 counter = offset + (u64) i;
        u32 r[4];
        philox4x32_10((u32) counter, (u32) (counter >> 32), (u32) seed, (u32) (seed >> 32), r);
#if DIST == 0
#if F32_STREAM
        REAL u = (REAL) (r[0] >> 8) * (REAL) 5.9604644775390625e-8; /* 2^-24 */
#else
        REAL u = (REAL) (((u64) r[0] << 21) | ((u64) r[1] >> 11)) * (REAL) 1.1102230246251565e-16; /* 2^-53 */
#endif
        out[o_off + i] = STORE_D(DADD(a, DMUL(DSUB(b, a), u)));
#elif DIST == 1
        REAL u1 = DMUL((REAL) r[0] + (REAL) 1, (REAL) 2.3283064365386963e-10); /* 2^-32 */
        REAL u2 = DMUL((REAL) r[1], (REAL) 2.3283064365386963e-10);
        REAL z = DMUL(sqrt(DMUL((REAL) -2, log(u1))), cos(DMUL((REAL) 6.283185307179586, u2)));
        out[o_off + i] = STORE_D(DADD(a, DMUL(b, z)));
#elif DIST == 2
        REAL u = (REAL) (r[0] >> 8) * (REAL) 5.9604644775390625e-8;
        out[o_off + i] = STORE_L(u < a ? 1 : 0);
#else
        u64 x = ((u64) r[0] << 32) | (u64) r[1];
        out[o_off + i] = STORE_L(la + (i64) MULHI64(x, (u64) (lb - la)));
#endif
    }
}
