/* Sets every element of a strided view to one value. Defines: KNAME, TO. */
KERNEL KNAME(GLOBAL TO *out, int o_off, dims_t o_st, dims_t shape, int rank, int n, TO value) {
    for (int i = GID(0); i < n; i += GSIZE(0)) {
        out[offset_of(i, rank, shape, o_st, o_off)] = value;
    }
}
