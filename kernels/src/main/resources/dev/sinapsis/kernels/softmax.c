/*
 * Softmax (LOG 0) or log-softmax (LOG 1) over the last dimension: one work-group per row. The
 * group folds the row (any stride) for its maximum, combines the work-items' maxima in a tree in
 * local memory, does the same for the sum of exp(x - max), then writes the contiguous output.
 * Rows of any length: each work-item strides over the row, the local size is a power of two
 * (1 for a row of 1) up to WG_MAX.
 * Defines: KNAME, T (element), ACC (accumulator), LOG, WG_MAX.
 * NaN propagates to the whole row (as Java's Math.max in the composite); -inf entries give 0
 * (softmax) or -inf (log-softmax) while the row has a finite entry.
 */
#define NEG_INF ((ACC) AS_F32(0xFF800000u))

/* Tree over the group's values; every work-item returns the result. */
DEVICE ACC CAT(KNAME, _tree)(LPTR ACC *s, int lid, int lsz, int is_max) {
    for (int k = lsz >> 1; k > 0; k >>= 1) {
        if (lid < k) {
            s[lid] = is_max ? JMAX(s[lid], s[lid + k]) : s[lid] + s[lid + k];
        }
        BARRIER();
    }
    ACC r = s[0];
    BARRIER(); /* everyone has read s[0] before the next tree overwrites it */
    return r;
}

KERNEL KNAME(GLOBAL T *out, int o_off, GLOBAL const T *in, int i_off,
             dims_t rshape, dims_t rst, int rrank, int m, int step) {
    LOCAL ACC s[WG_MAX];
    int row = GROUP(0);
    int lid = LID(0);
    int lsz = LSIZE(0);
    int base = offset_of(row, rrank, rshape, rst, i_off);
    GLOBAL T *o = out + o_off + row * m;

    ACC mx = NEG_INF;
    for (int j = lid; j < m; j += lsz) {
        ACC x = (ACC) in[base + j * step];
        mx = JMAX(mx, x);
    }
    s[lid] = mx;
    BARRIER();
    mx = CAT(KNAME, _tree)(s, lid, lsz, 1);

    ACC sum = (ACC) 0;
    for (int j = lid; j < m; j += lsz) {
        T e = exp((T) ((ACC) in[base + j * step] - mx));
        sum += (ACC) e;
#if !LOG
        o[j] = e; /* unnormalised for now: each work-item rescales the elements it wrote */
#endif
    }
    s[lid] = sum;
    BARRIER();
    sum = CAT(KNAME, _tree)(s, lid, lsz, 0);

#if LOG
    ACC log_sum = log(sum);
    for (int j = lid; j < m; j += lsz) {
        o[j] = (T) (((ACC) in[base + j * step] - mx) - log_sum);
    }
#else
    ACC inv = (ACC) 1 / sum;
    for (int j = lid; j < m; j += lsz) {
        o[j] = (T) ((ACC) o[j] * inv);
    }
#endif
}
#undef NEG_INF
