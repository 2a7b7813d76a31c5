/*
 * im2col / col2im for 2-d convolution and pooling. Defines: KNAME, T.
 * im2col: out [N, C*kH*kW, oH*oW] contiguous from o_off, in [N, C, H, W] strided.
 * col2im: out [N, C, H, W] contiguous, accumulated (+=); cols [N, C*kH*kW, oH*oW] strided. It is
 * written as a gather over output elements, so no two work-items touch the same element.
 */
KERNEL CAT(KNAME, _im2col)(GLOBAL T *out, int o_off, GLOBAL const T *in, int i_off,
                           int s0, int s1, int s2, int s3, int N, int C, int H, int W,
                           int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, int oh, int ow) {
    int total = N * C * kh * kw * oh * ow;
    for (int i = GID(0); i < total; i += GSIZE(0)) {
        int x = i % ow;
        int r = i / ow;
        int y = r % oh;
        r /= oh;
        int j = r % kw;
        r /= kw;
        int ki = r % kh;
        r /= kh;
        int ch = r % C;
        int n = r / C;
        int iy = y * sh - ph + ki * dh;
        int ix = x * sw - pw + j * dw;
        T v = (T) 0;
        if (iy >= 0 && iy < H && ix >= 0 && ix < W) {
            v = in[i_off + n * s0 + ch * s1 + iy * s2 + ix * s3];
        }
        out[o_off + i] = v;
    }
}

KERNEL CAT(KNAME, _col2im)(GLOBAL T *out, int o_off, GLOBAL const T *cols, int c_off,
                           int s0, int s1, int s2, int N, int C, int H, int W,
                           int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, int oh, int ow) {
    int total = N * C * H * W;
    for (int i = GID(0); i < total; i += GSIZE(0)) {
        int ix = i % W;
        int r = i / W;
        int iy = r % H;
        r /= H;
        int ch = r % C;
        int n = r / C;
        T sum = (T) 0;
        for (int ki = 0; ki < kh; ki++) {
            int ty = iy + ph - ki * dh;
            if (ty < 0 || ty % sh != 0) continue;
            int y = ty / sh;
            if (y >= oh) continue;
            for (int j = 0; j < kw; j++) {
                int tx = ix + pw - j * dw;
                if (tx < 0 || tx % sw != 0) continue;
                int x = tx / sw;
                if (x >= ow) continue;
                int row = (ch * kh + ki) * kw + j;
                sum += cols[c_off + n * s0 + row * s1 + (y * ow + x) * s2];
            }
        }
        out[o_off + i] += sum;
    }
}
