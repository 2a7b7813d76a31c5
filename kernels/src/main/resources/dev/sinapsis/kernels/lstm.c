/*
 * The LSTM cell's pointwise part (LstmCellOps), one work-item per hidden unit of a batch row (grid
 * stride over B * H). Gates in PyTorch's order i, f, g, o: unit j of row r reads gates[r][j + k*H].
 * _fwd: gates [B, 4H] and cprev [B, H] of any strides -> h, c [B, H] and act [B, 4H] (the activated
 *       gates, for the backward), contiguous from their offsets.
 * _bwd: dgates [B, 4H] and dcprev [B, H] from gh, gc (gradients of h and c), act, c (contiguous) and
 *       cprev (strided).
 * Subnormals (LstmCellOps): computed in ACC (double when the device has fp64), pre-activations
 * clamped to [-CLAMP, CLAMP], every value read or written below TINY in magnitude taken as 0.
 * NaN propagates (Java's min/max for the clamp). Defines: KNAME, T, ACC, CLAMP, TINY (literals of ACC).
 */
DEVICE ACC CAT(KNAME, _in)(T x) {
    ACC v = (ACC) x;
    return fabs(v) < TINY ? (ACC) 0 : v;
}

DEVICE T CAT(KNAME, _out)(ACC v) {
    return fabs(v) < TINY ? (T) 0 : (T) v;
}

DEVICE ACC CAT(KNAME, _pre)(T x) {
    ACC v = CAT(KNAME, _in)(x);
    return JMIN(JMAX(v, -CLAMP), CLAMP);
}

DEVICE ACC CAT(KNAME, _sigmoid)(ACC x) {
    return (ACC) 1 / ((ACC) 1 + exp(-x));
}

KERNEL CAT(KNAME, _fwd)(GLOBAL T *h, int h_off, GLOBAL T *c, int c_off, GLOBAL T *act, int a_off,
                        GLOBAL const T *gates, int g_off, int gs0, int gs1,
                        GLOBAL const T *cprev, int p_off, int ps0, int ps1, int n, int total) {
    for (int u = GID(0); u < total; u += GSIZE(0)) {
        int r = u / n;
        int j = u - r * n;
        int g0 = g_off + r * gs0 + j * gs1;
        int step = n * gs1;
        ACC i = CAT(KNAME, _sigmoid)(CAT(KNAME, _pre)(gates[g0]));
        ACC f = CAT(KNAME, _sigmoid)(CAT(KNAME, _pre)(gates[g0 + step]));
        ACC g = tanh(CAT(KNAME, _pre)(gates[g0 + 2 * step]));
        ACC o = CAT(KNAME, _sigmoid)(CAT(KNAME, _pre)(gates[g0 + 3 * step]));
        ACC cn = f * CAT(KNAME, _in)(cprev[p_off + r * ps0 + j * ps1]) + i * g;
        cn = fabs(cn) < TINY ? (ACC) 0 : cn; /* h from c as written */
        int a = a_off + r * 4 * n + j;
        act[a] = CAT(KNAME, _out)(i);
        act[a + n] = CAT(KNAME, _out)(f);
        act[a + 2 * n] = CAT(KNAME, _out)(g);
        act[a + 3 * n] = CAT(KNAME, _out)(o);
        c[c_off + u] = CAT(KNAME, _out)(cn);
        h[h_off + u] = CAT(KNAME, _out)(o * tanh(cn));
    }
}

KERNEL CAT(KNAME, _bwd)(GLOBAL T *dgates, int dg_off, GLOBAL T *dcprev, int dp_off,
                        GLOBAL const T *gh, int gh_off, GLOBAL const T *gc, int gc_off,
                        GLOBAL const T *act, int a_off, GLOBAL const T *c, int c_off,
                        GLOBAL const T *cprev, int p_off, int ps0, int ps1, int n, int total) {
    for (int u = GID(0); u < total; u += GSIZE(0)) {
        int r = u / n;
        int j = u - r * n;
        int a = a_off + r * 4 * n + j;
        ACC i = CAT(KNAME, _in)(act[a]);
        ACC f = CAT(KNAME, _in)(act[a + n]);
        ACC g = CAT(KNAME, _in)(act[a + 2 * n]);
        ACC o = CAT(KNAME, _in)(act[a + 3 * n]);
        ACC tc = tanh(CAT(KNAME, _in)(c[c_off + u]));
        ACC dh = CAT(KNAME, _in)(gh[gh_off + u]);
        ACC dc = CAT(KNAME, _in)(gc[gc_off + u]) + dh * o * ((ACC) 1 - tc * tc);
        ACC p = CAT(KNAME, _in)(cprev[p_off + r * ps0 + j * ps1]);
        int d = dg_off + r * 4 * n + j;
        dgates[d] = CAT(KNAME, _out)(dc * g * (i * ((ACC) 1 - i)));
        dgates[d + n] = CAT(KNAME, _out)(dc * p * (f * ((ACC) 1 - f)));
        dgates[d + 2 * n] = CAT(KNAME, _out)(dc * i * ((ACC) 1 - g * g));
        dgates[d + 3 * n] = CAT(KNAME, _out)(dh * tc * (o * ((ACC) 1 - o)));
        dcprev[dp_off + u] = CAT(KNAME, _out)(dc * f);
    }
}
