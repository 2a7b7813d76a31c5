/*
 * Batched GEMM c[b] = a[b] x b[b], tiled through local memory. Every operand is strided, so a
 * transposed matrix is read in place. c is contiguous [batch, M, N].
 * Defines: KNAME, T, TSM, TSN (tile of C per group), TSK (depth of a tile step), WPTM, WPTN (C
 * elements per work-item along M and N). Work-group: (TSN / WPTN, TSM / WPTM); grid z: batch.
 */
#define RTSM (TSM / WPTM)
#define RTSN (TSN / WPTN)
#define NTHREADS (RTSM * RTSN)

KERNEL KNAME(GLOBAL T *c, int c_off, GLOBAL const T *a, int a_off, int a_sm, int a_sk,
             GLOBAL const T *b, int b_off, int b_sk, int b_sn, int M, int N, int K,
             int brank, dims_t bshape, dims_t a_bst, dims_t b_bst) {
    LOCAL T As[TSK][TSM];
    LOCAL T Bs[TSK][TSN];
    int tx = LID(0);
    int ty = LID(1);
    int tid = ty * RTSN + tx;
    int n0 = GROUP(0) * TSN;
    int m0 = GROUP(1) * TSM;
    int batch = GROUP(2);
    int abase = offset_of(batch, brank, bshape, a_bst, a_off);
    int bbase = offset_of(batch, brank, bshape, b_bst, b_off);
    T acc[WPTM][WPTN];
    for (int wm = 0; wm < WPTM; wm++) {
        for (int wn = 0; wn < WPTN; wn++) {
            acc[wm][wn] = (T) 0;
        }
    }
    for (int k0 = 0; k0 < K; k0 += TSK) {
        for (int l = tid; l < TSK * TSM; l += NTHREADS) {
            int mm = l / TSK;
            int kk = l % TSK;
            int gm = m0 + mm;
            int gk = k0 + kk;
            As[kk][mm] = (gm < M && gk < K) ? a[abase + gm * a_sm + gk * a_sk] : (T) 0;
        }
        for (int l = tid; l < TSK * TSN; l += NTHREADS) {
            int kk = l / TSN;
            int nn = l % TSN;
            int gn = n0 + nn;
            int gk = k0 + kk;
            Bs[kk][nn] = (gn < N && gk < K) ? b[bbase + gk * b_sk + gn * b_sn] : (T) 0;
        }
        BARRIER();
        for (int kk = 0; kk < TSK; kk++) {
            T breg[WPTN];
            for (int wn = 0; wn < WPTN; wn++) {
                breg[wn] = Bs[kk][tx + wn * RTSN];
            }
            for (int wm = 0; wm < WPTM; wm++) {
                T av = As[kk][ty + wm * RTSM];
                for (int wn = 0; wn < WPTN; wn++) {
                    acc[wm][wn] = FMA(av, breg[wn], acc[wm][wn]);
                }
            }
        }
        BARRIER();
    }
    int cbase = c_off + batch * M * N;
    for (int wm = 0; wm < WPTM; wm++) {
        int gm = m0 + ty + wm * RTSM;
        for (int wn = 0; wn < WPTN; wn++) {
            int gn = n0 + tx + wn * RTSN;
            if (gm < M && gn < N) {
                c[cbase + gm * N + gn] = acc[wm][wn];
            }
        }
    }
}
#undef RTSM
#undef RTSN
#undef NTHREADS
