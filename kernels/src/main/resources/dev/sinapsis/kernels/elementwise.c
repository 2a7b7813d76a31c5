/*
 * Strided elementwise map: out[i] = EXPR over NIN inputs a, b, c (1 to 3), all of the output's
 * shape; broadcasting arrives as stride-0 dimensions. One work-item per element (grid-stride loop).
 * Defines: KNAME, NIN, TO (output type), TA/TB/TC (input types), EXPR (in a, b, c).
 * contig != 0 says every operand is contiguous from its offset: the index is then i itself.
 */
KERNEL KNAME(GLOBAL TO *out, int o_off, dims_t o_st,
             GLOBAL const TA *pa, int a_off, dims_t a_st,
#if NIN >= 2
             GLOBAL const TB *pb, int b_off, dims_t b_st,
#endif
#if NIN >= 3
             GLOBAL const TC *pc, int c_off, dims_t c_st,
#endif
             dims_t shape, int rank, int n, int contig) {
    for (int i = GID(0); i < n; i += GSIZE(0)) {
        int io = o_off + i;
        int ia = a_off + i;
#if NIN >= 2
        int ib = b_off + i;
#endif
#if NIN >= 3
        int ic = c_off + i;
#endif
        if (!contig) {
            int rem = i;
            io = o_off;
            ia = a_off;
#if NIN >= 2
            ib = b_off;
#endif
#if NIN >= 3
            ic = c_off;
#endif
            for (int d = rank - 1; d >= 0; d--) {
                int size = shape.v[d];
                int coord = rem % size;
                rem /= size;
                io += coord * o_st.v[d];
                ia += coord * a_st.v[d];
#if NIN >= 2
                ib += coord * b_st.v[d];
#endif
#if NIN >= 3
                ic += coord * c_st.v[d];
#endif
            }
        }
        TA a = pa[ia];
#if NIN >= 2
        TB b = pb[ib];
#endif
#if NIN >= 3
        TC c = pc[ic];
#endif
        out[io] = (TO) (EXPR);
    }
}

/*
 * The same map for operands that are all contiguous from their offsets, VEC (1, 2, 4 or 8)
 * consecutive elements per work-item: launched with ceil(n / VEC) work-items, no index
 * arithmetic; the work-item holding the end of the range does the tail of n % VEC elements.
 */
#if NIN == 1
#define EW_AT(i) do { TA a = pa[i]; out[i] = (TO) (EXPR); } while (0)
#elif NIN == 2
#define EW_AT(i) do { TA a = pa[i]; TB b = pb[i]; out[i] = (TO) (EXPR); } while (0)
#else
#define EW_AT(i) do { TA a = pa[i]; TB b = pb[i]; TC c = pc[i]; out[i] = (TO) (EXPR); } while (0)
#endif
KERNEL CAT(KNAME, _vec)(GLOBAL TO *out_, int o_off, GLOBAL const TA *pa_, int a_off,
#if NIN >= 2
                        GLOBAL const TB *pb_, int b_off,
#endif
#if NIN >= 3
                        GLOBAL const TC *pc_, int c_off,
#endif
                        int n) {
    GLOBAL TO *out = out_ + o_off;
    GLOBAL const TA *pa = pa_ + a_off;
#if NIN >= 2
    GLOBAL const TB *pb = pb_ + b_off;
#endif
#if NIN >= 3
    GLOBAL const TC *pc = pc_ + c_off;
#endif
    int i0 = GID(0) * VEC;
    if (i0 + VEC <= n) {
        for (int k = 0; k < VEC; k++) {
            EW_AT(i0 + k);
        }
    } else {
        for (int i = i0; i < n; i++) {
            EW_AT(i);
        }
    }
}
#undef EW_AT
