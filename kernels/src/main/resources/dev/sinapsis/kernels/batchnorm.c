/*
 * Batch normalisation in training mode (BatchNormOps) over x contiguous [N, C, S]: one work-group
 * per channel, whose M = N*S values sit in N runs of S. Each work-item strides over the channel's
 * values (flat index j: image j / S, position j % S), its partial sums are folded in a tree in local
 * memory; the local size is a power of two up to WG_MAX. Sums in ACC (double where the device has
 * fp64), in a fixed order: deterministic, no atomics.
 *   _fwd: the mean, then the squared deviations from it (two reads: no cancellation for data far
 *         from zero), then out = (x - mean) / sqrt(var + eps) * w + b; mean and biased var saved.
 *   _bwd: Σ dy and Σ dy·(x - mean) in one read, then gx = a·dy - k·(x - mean) + c0 with
 *         a = w / std, k = a·Σ dy·(x - mean) / (M·var'), c0 = -a·Σ dy / M (var' = var + eps);
 *         gb = Σ dy, gw = Σ dy·(x - mean) / std.
 * Optional operands (w, b, gx, gw, gb) come with a flag; when it is 0 the buffer is not touched.
 * Defines: KNAME, T (element), ACC (accumulator), WG_MAX.
 */

/* Sum over the group's values; every work-item returns it. */
DEVICE ACC CAT(KNAME, _tree)(LPTR ACC *s, int lid, int lsz) {
    for (int k = lsz >> 1; k > 0; k >>= 1) {
        if (lid < k) {
            s[lid] += s[lid + k];
        }
        BARRIER();
    }
    ACC r = s[0];
    BARRIER(); /* everyone has read s[0] before the next tree overwrites it */
    return r;
}

/* Index of the channel's j-th value. */
#define AT(j) (x_base + ((j) / s) * cs + (j) % s)

KERNEL CAT(KNAME, _fwd)(GLOBAL T *out, int o_off, GLOBAL T *mean, int mean_off, GLOBAL T *var, int var_off,
                        GLOBAL const T *x, int x_off, GLOBAL const T *w, int w_off, GLOBAL const T *b, int b_off,
                        int has_w, int has_b, int n, int c, int s, T eps) {
    LOCAL ACC sh[WG_MAX];
    int ch = GROUP(0);
    int lid = LID(0);
    int lsz = LSIZE(0);
    int m = n * s;
    int cs = c * s;
    int x_base = ch * s;

    ACC acc = (ACC) 0;
    for (int j = lid; j < m; j += lsz) {
        acc += (ACC) x[x_off + AT(j)];
    }
    sh[lid] = acc;
    BARRIER();
    ACC mu = CAT(KNAME, _tree)(sh, lid, lsz) / (ACC) m;

    acc = (ACC) 0;
    for (int j = lid; j < m; j += lsz) {
        ACC d = (ACC) x[x_off + AT(j)] - mu;
        acc += d * d;
    }
    sh[lid] = acc;
    BARRIER();
    ACC v = CAT(KNAME, _tree)(sh, lid, lsz) / (ACC) m;

    ACC inv = (ACC) 1 / sqrt(v + (ACC) eps);
    ACC g = has_w ? (ACC) w[w_off + ch] : (ACC) 1;
    ACC a = g * inv;
    ACC beta = has_b ? (ACC) b[b_off + ch] : (ACC) 0;
    for (int j = lid; j < m; j += lsz) {
        int at = AT(j);
        out[o_off + at] = (T) (((ACC) x[x_off + at] - mu) * a + beta);
    }
    if (lid == 0) {
        mean[mean_off + ch] = (T) mu;
        var[var_off + ch] = (T) v;
    }
}

KERNEL CAT(KNAME, _bwd)(GLOBAL T *gx, int gx_off, GLOBAL T *gw, int gw_off, GLOBAL T *gb, int gb_off,
                        GLOBAL const T *dy, int dy_off, GLOBAL const T *x, int x_off, GLOBAL const T *w, int w_off,
                        GLOBAL const T *mean, int mean_off, GLOBAL const T *var, int var_off,
                        int has_gx, int has_gw, int has_gb, int has_w, int n, int c, int s, T eps) {
    LOCAL ACC sh[WG_MAX];
    int ch = GROUP(0);
    int lid = LID(0);
    int lsz = LSIZE(0);
    int m = n * s;
    int cs = c * s;
    int x_base = ch * s;
    ACC mu = (ACC) mean[mean_off + ch];
    ACC inv = (ACC) 1 / sqrt((ACC) var[var_off + ch] + (ACC) eps);

    ACC sdy = (ACC) 0;
    ACC sdyx = (ACC) 0;
    for (int j = lid; j < m; j += lsz) {
        int at = AT(j);
        ACC g = (ACC) dy[dy_off + at];
        sdy += g;
        sdyx += g * ((ACC) x[x_off + at] - mu);
    }
    sh[lid] = sdy;
    BARRIER();
    sdy = CAT(KNAME, _tree)(sh, lid, lsz);
    sh[lid] = sdyx;
    BARRIER();
    sdyx = CAT(KNAME, _tree)(sh, lid, lsz);

    if (lid == 0) {
        if (has_gb) {
            gb[gb_off + ch] = (T) sdy;
        }
        if (has_gw) {
            gw[gw_off + ch] = (T) (sdyx * inv);
        }
    }
    if (has_gx) {
        ACC a = (has_w ? (ACC) w[w_off + ch] : (ACC) 1) * inv;
        ACC k = a * sdyx * inv * inv / (ACC) m;
        ACC c0 = -a * sdy / (ACC) m;
        for (int j = lid; j < m; j += lsz) {
            int at = AT(j);
            gx[gx_off + at] = (T) (a * (ACC) dy[dy_off + at] - k * ((ACC) x[x_off + at] - mu) + c0);
        }
    }
}
#undef AT
