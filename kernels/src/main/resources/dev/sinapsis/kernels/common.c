/* Helpers shared by every kernel, written once in the subset. */
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define MAX_RANK 8

/* Shape or strides of a view, passed by value. */
typedef struct {
    int v[MAX_RANK];
} dims_t;

/* Element offset of row-major position i in a view of the given shape and strides. */
DEVICE int offset_of(int i, int rank, dims_t shape, dims_t strides, int offset) {
    for (int d = rank - 1; d >= 0; d--) {
        int n = shape.v[d];
        int c = i % n;
        i /= n;
        offset += c * strides.v[d];
    }
    return offset;
}

/* Java's float/double to long: truncation, saturation, NaN to 0. */
DEVICE i64 f2l(float v) {
    if (v != v) return 0;
    if (v >= 9.223372036854775807e18f) return (i64) 0x7FFFFFFFFFFFFFFFLL;
    if (v <= -9.223372036854775808e18f) return (i64) (-0x7FFFFFFFFFFFFFFFLL - 1);
    return (i64) v;
}

#if HAS_FP64
DEVICE i64 d2l(double v) {
    if (v != v) return 0;
    if (v >= 9.223372036854775807e18) return (i64) 0x7FFFFFFFFFFFFFFFLL;
    if (v <= -9.223372036854775808e18) return (i64) (-0x7FFFFFFFFFFFFFFFLL - 1);
    return (i64) v;
}

/* Java's Math.pow: NaN exponent gives NaN, and |base| == 1 with an infinite exponent gives NaN. */
DEVICE double jpow(double a, double b) {
    if (b != b) return b;
    if ((a == 1.0 || a == -1.0) && isinf(b)) return b - b;
    return pow(a, b);
}
#define FPOW(a, b) ((float) jpow((double) (a), (double) (b)))
#define DPOW(a, b) jpow(a, b)
#define IPOW(a, b) d2l(jpow((double) (a), (double) (b)))
#else
DEVICE float jpowf(float a, float b) {
    if (b != b) return b;
    if ((a == 1.0f || a == -1.0f) && isinf(b)) return b - b;
    return pow(a, b);
}
#define FPOW(a, b) jpowf(a, b)
#define IPOW(a, b) f2l(jpowf((float) (a), (float) (b)))
#endif

/* Java's integer division without the traps: x / 0 gives 0 (the CPU throws), MIN / -1 wraps. */
DEVICE i64 idiv(i64 a, i64 b) {
    if (b == 0) return 0;
    if (b == -1) return (i64) ((u64) 0 - (u64) a);
    return a / b;
}

/* Java's Math.max / Math.min: NaN propagates, +0 is above -0. */
#define JMAX(a, b) (((a) != (a)) ? (a) : ((b) != (b)) ? (b) : ((a) > (b)) ? (a) : ((b) > (a)) ? (b) : (signbit(a) ? (b) : (a)))
#define JMIN(a, b) (((a) != (a)) ? (a) : ((b) != (b)) ? (b) : ((a) < (b)) ? (a) : ((b) < (a)) ? (b) : (signbit(a) ? (a) : (b)))
#define IMAX(a, b) ((a) > (b) ? (a) : (b))
#define IMIN(a, b) ((a) < (b) ? (a) : (b))
