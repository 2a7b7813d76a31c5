/*
 * Gather and scatter-add along one axis (PyTorch semantics). Defines: KNAME, T, ATOMIC_ADD(p, v).
 * The indexed operand's stride along the axis arrives zeroed in its strides and separately as
 * axis_stride. An index outside [0, size) is reported in err ({flag, index}) and skipped.
 */
DEVICE void CAT(KNAME, _bad)(GLOBAL i64 *err, i64 k) {
    if (CAS32((GLOBAL u32 *) err, 0, 1) == 0) {
        err[1] = k;
    }
}

KERNEL CAT(KNAME, _gather)(GLOBAL T *out, int o_off, dims_t o_st, GLOBAL const T *in, int i_off, dims_t i_st,
                           GLOBAL const i64 *index, int x_off, dims_t x_st, dims_t shape, int rank, int n,
                           int axis_stride, int size, GLOBAL i64 *err) {
    for (int i = GID(0); i < n; i += GSIZE(0)) {
        i64 k = index[offset_of(i, rank, shape, x_st, x_off)];
        int io = offset_of(i, rank, shape, o_st, o_off);
        if (k < 0 || k >= size) {
            CAT(KNAME, _bad)(err, k);
            continue;
        }
        out[io] = in[offset_of(i, rank, shape, i_st, i_off) + (int) k * axis_stride];
    }
}

KERNEL CAT(KNAME, _scatter_add)(GLOBAL T *out, int o_off, dims_t o_st, GLOBAL const T *src, int s_off, dims_t s_st,
                                GLOBAL const i64 *index, int x_off, dims_t x_st, dims_t shape, int rank, int n,
                                int axis_stride, int size, GLOBAL i64 *err) {
    for (int i = GID(0); i < n; i += GSIZE(0)) {
        i64 k = index[offset_of(i, rank, shape, x_st, x_off)];
        if (k < 0 || k >= size) {
            CAT(KNAME, _bad)(err, k);
            continue;
        }
        int d = offset_of(i, rank, shape, o_st, o_off) + (int) k * axis_stride;
        T v = src[offset_of(i, rank, shape, s_st, s_off)];
        ATOMIC_ADD(&out[d], v);
    }
}
