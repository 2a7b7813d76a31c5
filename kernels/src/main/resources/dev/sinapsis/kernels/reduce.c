/*
 * Reduction of the trailing dimensions: one work-group per (output, part); each work-item folds a
 * strided slice of the part's range, then the group combines its values in a tree in local memory.
 * With parts > 1 the groups write partials that KNAME_combine folds (another tree) per output.
 * Defines: KNAME, TI (input), TO (output), ACC (accumulator), REDOP (0 sum, 1 prod, 2 max, 3 min,
 * 4 argmax, 5 argmin), ISNAN(x), WG_MAX (local array size; the local size is a power of two <= it).
 * ARG positions are row-major within the reduced dimensions; ties keep the first; NaN wins.
 */
#if REDOP == 0
#define IDENTITY ((ACC) 0)
#elif REDOP == 1
#define IDENTITY ((ACC) 1)
#else
#define IDENTITY ((ACC) 0)
#endif
#define IS_MAX (REDOP == 2 || REDOP == 4)

/* Does (v2, i2) replace (v1, i1)? i < 0 marks an empty slot. Order-independent, so deterministic. */
DEVICE int CAT(KNAME, _better)(ACC v1, i64 i1, ACC v2, i64 i2) {
    if (i2 < 0) return 0;
    if (i1 < 0) return 1;
    int n1 = ISNAN(v1);
    int n2 = ISNAN(v2);
    if (n1 || n2) return n2 && (!n1 || i2 < i1);
#if IS_MAX
    if (v2 > v1) return 1;
#else
    if (v2 < v1) return 1;
#endif
    return v2 == v1 && i2 < i1;
}

/* Tree over the group's values; the result lands in slot 0. */
DEVICE void CAT(KNAME, _tree)(LPTR ACC *sv, LPTR i64 *si, int lid, int lsz) {
    for (int s = lsz >> 1; s > 0; s >>= 1) {
        if (lid < s) {
#if REDOP == 0
            sv[lid] = sv[lid] + sv[lid + s];
#elif REDOP == 1
            sv[lid] = sv[lid] * sv[lid + s];
#else
            if (CAT(KNAME, _better)(sv[lid], si[lid], sv[lid + s], si[lid + s])) {
                sv[lid] = sv[lid + s];
                si[lid] = si[lid + s];
            }
#endif
        }
        BARRIER();
    }
}

DEVICE void CAT(KNAME, _fold)(ACC *v, i64 *idx, ACC x, i64 j) {
#if REDOP == 0
    *v = *v + x;
#elif REDOP == 1
    *v = *v * x;
#else
    if (CAT(KNAME, _better)(*v, *idx, x, j)) {
        *v = x;
        *idx = j;
    }
#endif
}

DEVICE void CAT(KNAME, _store)(GLOBAL TO *out, int at, ACC v, i64 idx) {
#if REDOP >= 4
    out[at] = (TO) (idx < 0 ? 0 : idx);
#else
    out[at] = STORE(v);
#endif
}

/* Folds the part's range of one output; returns the group's (value, index) in sv[0], si[0]. */
DEVICE void CAT(KNAME, _group)(GLOBAL const TI *in, int base, dims_t ishape, dims_t ist, int irank,
                                int lo, int hi, LPTR ACC *sv, LPTR i64 *si) {
    int lid = LID(0);
    int lsz = LSIZE(0);
    ACC v = IDENTITY;
    i64 idx = -1;
    for (int j = lo + lid; j < hi; j += lsz) {
        ACC x = (ACC) in[offset_of(j, irank, ishape, ist, base)];
        CAT(KNAME, _fold)(&v, &idx, x, (i64) j);
    }
    sv[lid] = v;
    si[lid] = idx;
    BARRIER();
    CAT(KNAME, _tree)(sv, si, lid, lsz);
}

KERNEL KNAME(GLOBAL TO *out, int o_off, GLOBAL const TI *in, int i_off,
             dims_t oshape, dims_t ost, int orank, dims_t ishape, dims_t ist, int irank, int m) {
    LOCAL ACC sv[WG_MAX];
    LOCAL i64 si[WG_MAX];
    int o = GROUP(0);
    int base = offset_of(o, orank, oshape, ost, i_off);
    CAT(KNAME, _group)(in, base, ishape, ist, irank, 0, m, sv, si);
    if (LID(0) == 0) {
        CAT(KNAME, _store)(out, o_off + o, sv[0], si[0]);
    }
}

/* First pass with `parts` groups per output: group g folds part g % parts of output g / parts. */
KERNEL CAT(KNAME, _part)(GLOBAL ACC *pv, GLOBAL i64 *pi, GLOBAL const TI *in, int i_off,
                         dims_t oshape, dims_t ost, int orank, dims_t ishape, dims_t ist, int irank,
                         int m, int parts) {
    LOCAL ACC sv[WG_MAX];
    LOCAL i64 si[WG_MAX];
    int g = GROUP(0);
    int o = g / parts;
    int p = g % parts;
    int lo = (int) ((i64) m * p / parts);
    int hi = (int) ((i64) m * (p + 1) / parts);
    int base = offset_of(o, orank, oshape, ost, i_off);
    CAT(KNAME, _group)(in, base, ishape, ist, irank, lo, hi, sv, si);
    if (LID(0) == 0) {
        pv[g] = sv[0];
        pi[g] = si[0];
    }
}

/* Second pass: one group per output folds its `parts` partials. */
KERNEL CAT(KNAME, _combine)(GLOBAL TO *out, int o_off, GLOBAL const ACC *pv, GLOBAL const i64 *pi, int parts) {
    LOCAL ACC sv[WG_MAX];
    LOCAL i64 si[WG_MAX];
    int o = GROUP(0);
    int lid = LID(0);
    int lsz = LSIZE(0);
    ACC v = IDENTITY;
    i64 idx = -1;
    for (int p = lid; p < parts; p += lsz) {
#if REDOP <= 1
        CAT(KNAME, _fold)(&v, &idx, pv[o * parts + p], 0);
#else
        CAT(KNAME, _fold)(&v, &idx, pv[o * parts + p], pi[o * parts + p]);
#endif
    }
    sv[lid] = v;
    si[lid] = idx;
    BARRIER();
    CAT(KNAME, _tree)(sv, si, lid, lsz);
    if (lid == 0) {
        CAT(KNAME, _store)(out, o_off + o, sv[0], si[0]);
    }
}
#undef IDENTITY
#undef IS_MAX
