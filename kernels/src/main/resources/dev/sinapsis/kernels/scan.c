/*
 * Inclusive prefix sums (REVERSE 0) or suffix sums (REVERSE 1) along the last dimension: one
 * work-item per row (grid-stride over rows), each row summed in order, so the result does not
 * depend on the launch. Rows of any stride; a contiguous output.
 * Defines: KNAME, T (element), ACC (accumulator: double for F32 when the device has fp64, long for
 * integers, whose wrap-around then matches Java's), REVERSE.
 */
KERNEL KNAME(GLOBAL T *out, int o_off, GLOBAL const T *in, int i_off,
             dims_t rshape, dims_t rst, int rrank, int rows, int m, int step) {
    for (int row = GID(0); row < rows; row += GSIZE(0)) {
        int base = offset_of(row, rrank, rshape, rst, i_off);
        GLOBAL T *o = out + o_off + row * m;
        ACC acc = (ACC) 0;
        for (int k = 0; k < m; k++) {
            int j = REVERSE ? m - 1 - k : k;
            acc += (ACC) in[base + j * step];
            o[j] = (T) acc;
        }
    }
}
