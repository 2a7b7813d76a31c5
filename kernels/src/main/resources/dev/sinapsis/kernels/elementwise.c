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
