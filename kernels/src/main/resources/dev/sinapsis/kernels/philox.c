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

#if HAS_FP64
/*
 * fdlibm's log and cos (what Java's StrictMath computes), ported so normals match the CPU in every
 * bit. Needs plain IEEE double arithmetic without FMA contraction (OpenCL: FP_CONTRACT OFF in the
 * prelude; CUDA: compile with -fmad=false).
 */
#define HI_WORD(x) ((int) (AS_U64(x) >> 32))
#define LO_WORD(x) ((u32) AS_U64(x))
#define FROM_WORDS(hi, lo) AS_F64(((u64) (u32) (hi) << 32) | (u64) (u32) (lo))

DEVICE double fdlibm_log(double x) {
    const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10,
                 two54 = 1.80143985094819840000e+16, Lg1 = 6.666666666666735130e-01,
                 Lg2 = 3.999999999940941908e-01, Lg3 = 2.857142874366239149e-01, Lg4 = 2.222219843214978396e-01,
                 Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01, Lg7 = 1.479819860511658591e-01;
    double hfsq, f, s, z, R, w, t1, t2, dk;
    int k, hx, i, j;
    u32 lx;
    hx = HI_WORD(x);
    lx = LO_WORD(x);
    k = 0;
    if (hx < 0x00100000) {
        if (((hx & 0x7fffffff) | lx) == 0) return -two54 / 0.0;
        if (hx < 0) return (x - x) / 0.0;
        k -= 54;
        x *= two54;
        hx = HI_WORD(x);
        lx = LO_WORD(x);
    }
    if (hx >= 0x7ff00000) return x + x;
    k += (hx >> 20) - 1023;
    hx &= 0x000fffff;
    i = (hx + 0x95f64) & 0x100000;
    x = FROM_WORDS(hx | (i ^ 0x3ff00000), lx);
    k += (i >> 20);
    f = x - 1.0;
    if ((0x000fffff & (2 + hx)) < 3) {
        if (f == 0.0) {
            if (k == 0) return 0.0;
            dk = (double) k;
            return dk * ln2_hi + dk * ln2_lo;
        }
        R = f * f * (0.5 - 0.33333333333333333 * f);
        if (k == 0) return f - R;
        dk = (double) k;
        return dk * ln2_hi - ((R - dk * ln2_lo) - f);
    }
    s = f / (2.0 + f);
    dk = (double) k;
    z = s * s;
    i = hx - 0x6147a;
    w = z * z;
    j = 0x6b851 - hx;
    t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
    t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
    i |= j;
    R = t2 + t1;
    if (i > 0) {
        hfsq = 0.5 * f * f;
        if (k == 0) return f - (hfsq - s * (hfsq + R));
        return dk * ln2_hi - ((hfsq - (s * (hfsq + R) + dk * ln2_lo)) - f);
    }
    if (k == 0) return f - s * (f - R);
    return dk * ln2_hi - ((s * (f - R) - dk * ln2_lo) - f);
}

DEVICE double fdlibm_kernel_cos(double x, double y) {
    const double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03,
                 C3 = 2.48015872894767294178e-05, C4 = -2.75573143513906633035e-07,
                 C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;
    double a, hz, z, r, qx;
    int ix = HI_WORD(x) & 0x7fffffff;
    if (ix < 0x3e400000) {
        if (((int) x) == 0) return 1.0;
    }
    z = x * x;
    r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
    if (ix < 0x3FD33333) return 1.0 - (0.5 * z - (z * r - x * y));
    if (ix > 0x3fe90000) {
        qx = 0.28125;
    } else {
        qx = FROM_WORDS(ix - 0x00200000, 0);
    }
    hz = 0.5 * z - qx;
    a = 1.0 - qx;
    return a - (hz - (z * r - x * y));
}

DEVICE double fdlibm_kernel_sin(double x, double y, int iy) {
    const double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03,
                 S3 = -1.98412698298579493134e-04, S4 = 2.75573137070700676789e-06,
                 S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
    double z, r, v;
    int ix = HI_WORD(x) & 0x7fffffff;
    if (ix < 0x3e400000) {
        if ((int) x == 0) return x;
    }
    z = x * x;
    v = z * x;
    r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
    if (iy == 0) return x + v * (S1 + z * r);
    return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

/* fdlibm's __ieee754_rem_pio2 for |x| <= 2^19 * pi/2 (Box-Muller needs [0, 2 pi)). */
DEVICE int fdlibm_rem_pio2(double x, double *y) {
    const double invpio2 = 6.36619772367581382433e-01, pio2_1 = 1.57079632673412561417e+00,
                 pio2_1t = 6.07710050650619224932e-11, pio2_2 = 6.07710050630396597660e-11,
                 pio2_2t = 2.02226624879595063154e-21, pio2_3 = 2.02226624871116645580e-21,
                 pio2_3t = 8.47842766036889956997e-32;
    double z, w, t, r, fn;
    int i, j, n, ix, hx;
    hx = HI_WORD(x);
    ix = hx & 0x7fffffff;
    if (ix <= 0x3fe921fb) {
        y[0] = x;
        y[1] = 0;
        return 0;
    }
    if (ix < 0x4002d97c) {
        if (hx > 0) {
            z = x - pio2_1;
            if (ix != 0x3ff921fb) {
                y[0] = z - pio2_1t;
                y[1] = (z - y[0]) - pio2_1t;
            } else {
                z -= pio2_2;
                y[0] = z - pio2_2t;
                y[1] = (z - y[0]) - pio2_2t;
            }
            return 1;
        }
        z = x + pio2_1;
        if (ix != 0x3ff921fb) {
            y[0] = z + pio2_1t;
            y[1] = (z - y[0]) + pio2_1t;
        } else {
            z += pio2_2;
            y[0] = z + pio2_2t;
            y[1] = (z - y[0]) + pio2_2t;
        }
        return -1;
    }
    t = fabs(x);
    n = (int) (t * invpio2 + 0.5);
    fn = (double) n;
    r = t - fn * pio2_1;
    w = fn * pio2_1t;
    /* npio2_hw[n - 1] for n <= 4 */
    int hw = n == 1 ? 0x3FF921FB : n == 2 ? 0x400921FB : n == 3 ? 0x4012D97C : n == 4 ? 0x401921FB : -1;
    if (n < 5 && ix != hw) {
        y[0] = r - w;
    } else {
        j = ix >> 20;
        y[0] = r - w;
        i = j - ((HI_WORD(y[0]) >> 20) & 0x7ff);
        if (i > 16) {
            t = r;
            w = fn * pio2_2;
            r = t - w;
            w = fn * pio2_2t - ((t - r) - w);
            y[0] = r - w;
            i = j - ((HI_WORD(y[0]) >> 20) & 0x7ff);
            if (i > 49) {
                t = r;
                w = fn * pio2_3;
                r = t - w;
                w = fn * pio2_3t - ((t - r) - w);
                y[0] = r - w;
            }
        }
    }
    y[1] = (r - y[0]) - w;
    if (hx < 0) {
        y[0] = -y[0];
        y[1] = -y[1];
        return -n;
    }
    return n;
}

DEVICE double fdlibm_cos(double x) {
    double y[2];
    int ix = HI_WORD(x) & 0x7fffffff;
    if (ix <= 0x3fe921fb) return fdlibm_kernel_cos(x, 0.0);
    if (ix >= 0x7ff00000) return x - x;
    int n = fdlibm_rem_pio2(x, y);
    switch (n & 3) {
        case 0: return fdlibm_kernel_cos(y[0], y[1]);
        case 1: return -fdlibm_kernel_sin(y[0], y[1], 1);
        case 2: return -fdlibm_kernel_cos(y[0], y[1]);
        default: return fdlibm_kernel_sin(y[0], y[1], 1);
    }
}
#define RNG_LOG(x) fdlibm_log(x)
#define RNG_COS(x) fdlibm_cos(x)
#else
#define RNG_LOG(x) log(x)
#define RNG_COS(x) cos(x)
#endif
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
        REAL z = DMUL(sqrt(DMUL((REAL) -2, RNG_LOG(u1))), RNG_COS(DMUL((REAL) 6.283185307179586, u2)));
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
