/*
 * Direct 2-d convolution (ConvolutionOps: groups 1, zero padding, any stride and dilation), each
 * kernel one launch over the whole batch. Defines: KNAME, T, OB (output channels per work-item of
 * _fwd). Every sum has one writer and a fixed order, so results do not depend on the launch (no
 * atomics). Geometry arguments as in conv.c (kh kw sh sw ph pw dh dw oh ow).
 * _fwd:   out [N, O, oH, oW] contiguous from o_off = bias + weight (*) x. One work-item per output
 *         position and block of OB output channels (each input value read once per block); x
 *         [N, C, H, W] of any strides (xs0..xs3), weight [O, C, kH, kW] contiguous, bias [O]
 *         contiguous (has_bias 0: none, bias is not read).
 * _dgrad: gx [N, C, H, W] contiguous = the transposed convolution of gy [N, O, oH, oW] (contiguous):
 *         one work-item per input element, gathering the output positions whose window covers it.
 * _wgrad: part p of the weight gradient, into gw + p * pstride ([O, C, kH, kW] contiguous): the sum
 *         over images p*per .. min(N, (p+1)*per)-1 and every output position of gy times x's window;
 *         one work-item per (part, weight element).
 * _wsum:  gw [count] contiguous = the sum of the parts of _wgrad, in part order.
 */
KERNEL CAT(KNAME, _fwd)(GLOBAL T *out, int o_off, GLOBAL const T *x, int x_off,
                        int xs0, int xs1, int xs2, int xs3, GLOBAL const T *w, int w_off,
                        GLOBAL const T *bias, int b_off, int has_bias, int N, int C, int H, int W, int O,
                        int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, int oh, int ow) {
    int blocks = (O + OB - 1) / OB;
    int total = N * blocks * oh * ow;
    int ksz = C * kh * kw;
    for (int i = GID(0); i < total; i += GSIZE(0)) {
        int ox = i % ow;
        int r = i / ow;
        int oy = r % oh;
        r /= oh;
        int o0 = (r % blocks) * OB;
        int n = r / blocks;
        /* channels past O (last block) read the last filter again and are not stored */
        int last = O - 1 - o0;
        T acc[OB];
        for (int k = 0; k < OB; k++) {
            acc[k] = (T) 0;
        }
        int iy0 = oy * sh - ph;
        int ix0 = ox * sw - pw;
        for (int c = 0; c < C; c++) {
            int xc = x_off + n * xs0 + c * xs1;
            int wc = w_off + (o0 * C + c) * kh * kw;
            for (int ki = 0; ki < kh; ki++) {
                int iy = iy0 + ki * dh;
                if (iy < 0 || iy >= H) continue;
                for (int kj = 0; kj < kw; kj++) {
                    int ix = ix0 + kj * dw;
                    if (ix < 0 || ix >= W) continue;
                    T v = x[xc + iy * xs2 + ix * xs3];
                    int wi = wc + ki * kw + kj;
                    for (int k = 0; k < OB; k++) {
                        acc[k] += w[wi + IMIN(k, last) * ksz] * v;
                    }
                }
            }
        }
        for (int k = 0; k < OB; k++) {
            if (k <= last) {
                T b = has_bias ? bias[b_off + o0 + k] : (T) 0;
                out[o_off + ((n * O + o0 + k) * oh + oy) * ow + ox] = acc[k] + b;
            }
        }
    }
}

KERNEL CAT(KNAME, _dgrad)(GLOBAL T *gx, int gx_off, GLOBAL const T *gy, int gy_off, GLOBAL const T *w, int w_off,
                          int N, int C, int H, int W, int O,
                          int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, int oh, int ow) {
    int total = N * C * H * W;
    int ksz = C * kh * kw;
    int plane = oh * ow;
    for (int i = GID(0); i < total; i += GSIZE(0)) {
        int ix = i % W;
        int r = i / W;
        int iy = r % H;
        r /= H;
        int c = r % C;
        int n = r / C;
        T sum = (T) 0;
        for (int ki = 0; ki < kh; ki++) {
            int ty = iy + ph - ki * dh;
            if (ty < 0 || ty % sh != 0) continue;
            int y = ty / sh;
            if (y >= oh) continue;
            for (int kj = 0; kj < kw; kj++) {
                int tx = ix + pw - kj * dw;
                if (tx < 0 || tx % sw != 0) continue;
                int xo = tx / sw;
                if (xo >= ow) continue;
                int g = gy_off + n * O * plane + y * ow + xo;
                int wi = w_off + (c * kh + ki) * kw + kj;
                /* one window position's sum over the filters, then added: the composite's order */
                T part = (T) 0;
                for (int o = 0; o < O; o++) {
                    part += w[wi + o * ksz] * gy[g + o * plane];
                }
                sum += part;
            }
        }
        gx[gx_off + i] = sum;
    }
}

KERNEL CAT(KNAME, _wgrad)(GLOBAL T *gw, int gw_off, int pstride, GLOBAL const T *gy, int gy_off,
                          GLOBAL const T *x, int x_off, int xs0, int xs1, int xs2, int xs3,
                          int N, int C, int H, int W, int O, int per, int parts,
                          int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, int oh, int ow) {
    int count = O * C * kh * kw;
    int total = count * parts;
    int plane = oh * ow;
    for (int i = GID(0); i < total; i += GSIZE(0)) {
        int e = i % count;
        int p = i / count;
        int kj = e % kw;
        int r = e / kw;
        int ki = r % kh;
        r /= kh;
        int c = r % C;
        int o = r / C;
        int n1 = IMIN(N, (p + 1) * per);
        int ry = ki * dh - ph;
        int rx = kj * dw - pw;
        T sum = (T) 0;
        for (int n = p * per; n < n1; n++) {
            int g = gy_off + (n * O + o) * plane;
            int xc = x_off + n * xs0 + c * xs1;
            for (int y = 0; y < oh; y++) {
                int iy = y * sh + ry;
                if (iy < 0 || iy >= H) continue;
                for (int xo = 0; xo < ow; xo++) {
                    int ix = xo * sw + rx;
                    if (ix < 0 || ix >= W) continue;
                    sum += gy[g + y * ow + xo] * x[xc + iy * xs2 + ix * xs3];
                }
            }
        }
        gw[gw_off + p * pstride + e] = sum;
    }
}

KERNEL CAT(KNAME, _wsum)(GLOBAL T *gw, int gw_off, GLOBAL const T *part, int count, int parts) {
    for (int i = GID(0); i < count; i += GSIZE(0)) {
        T s = part[i];
        for (int p = 1; p < parts; p++) {
            s += part[p * count + i];
        }
        gw[gw_off + i] = s;
    }
}
