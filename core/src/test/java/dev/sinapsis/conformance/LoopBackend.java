package dev.sinapsis.conformance;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.BinaryOp;
import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.Distribution;
import dev.sinapsis.backend.LstmCellOps;
import dev.sinapsis.backend.ReduceOp;
import dev.sinapsis.backend.RefCountedStorage;
import dev.sinapsis.backend.SoftmaxOps;
import dev.sinapsis.backend.Storage;
import dev.sinapsis.backend.TernaryOp;
import dev.sinapsis.backend.UnaryOp;
import dev.sinapsis.backend.View;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Philox;

/**
 * A deliberately naive test-only backend (one element at a time through doubles, longs for
 * integers) that lets the core run the conformance suite against itself: it validates the suite's
 * expectations and the core's op layer independently of any real backend.
 */
public final class LoopBackend implements Backend, SoftmaxOps, LstmCellOps {
    private final dev.sinapsis.backend.MemoryCounter counter = new dev.sinapsis.backend.MemoryCounter();

    @Override
    public dev.sinapsis.backend.MemoryStats memoryStats() {
        return counter.stats();
    }

    @Override
    public String name() {
        return "loop";
    }

    @Override
    public dev.sinapsis.tensor.Device device() {
        return new dev.sinapsis.tensor.Device("loop", 0);
    }

    static final class Buf extends RefCountedStorage {
        private final Backend owner;
        private final Object array;

        Buf(Backend owner, DType dtype, Object array) {
            this(owner, dtype, array, owner instanceof LoopBackend l ? l.counter : null);
        }

        Buf(Backend owner, DType dtype, Object array, dev.sinapsis.backend.MemoryCounter counter) {
            super(dtype, java.lang.reflect.Array.getLength(array), counter);
            this.owner = owner;
            this.array = array;
        }

        @Override
        public Backend backend() {
            return owner;
        }

        Object array() {
            checkLive();
            return array;
        }

        @Override
        protected void free() {
        }
    }

    private static Object arr(View v) {
        return ((Buf) v.storage()).array();
    }

    /** Storage position of row-major element {@code flat} of {@code v}. */
    private static int at(View v, int flat) {
        int pos = v.offset();
        for (int d = v.rank() - 1; d >= 0; d--) {
            int n = v.dim(d);
            pos += (flat % n) * v.strides()[d];
            flat /= n;
        }
        return pos;
    }

    static double get(View v, int flat) {
        Object a = arr(v);
        int p = at(v, flat);
        return switch (v.dtype()) {
            case F32 -> ((float[]) a)[p];
            case F64 -> ((double[]) a)[p];
            case I32 -> ((int[]) a)[p];
            case I64 -> ((long[]) a)[p];
            case BOOL -> ((boolean[]) a)[p] ? 1 : 0;
        };
    }

    static long getLong(View v, int flat) {
        Object a = arr(v);
        int p = at(v, flat);
        return switch (v.dtype()) {
            case I32 -> ((int[]) a)[p];
            case I64 -> ((long[]) a)[p];
            default -> (long) get(v, flat);
        };
    }

    static void set(View v, int flat, double x) {
        Object a = arr(v);
        int p = at(v, flat);
        switch (v.dtype()) {
            case F32 -> ((float[]) a)[p] = (float) x;
            case F64 -> ((double[]) a)[p] = x;
            case I32 -> ((int[]) a)[p] = (int) (long) x;
            case I64 -> ((long[]) a)[p] = (long) x;
            case BOOL -> ((boolean[]) a)[p] = x != 0;
        }
    }

    static void setLong(View v, int flat, long x) {
        Object a = arr(v);
        int p = at(v, flat);
        switch (v.dtype()) {
            case I32 -> ((int[]) a)[p] = (int) x;
            case I64 -> ((long[]) a)[p] = x;
            default -> set(v, flat, x);
        }
    }

    private static boolean isInt(View v) {
        return v.dtype() == DType.I32 || v.dtype() == DType.I64;
    }

    @Override
    public Storage allocate(DType dtype, int size) {
        return new Buf(this, dtype, dtype.newHostArray(size));
    }

    @Override
    public Storage upload(DType dtype, Object hostArray) {
        Object copy = dtype.newHostArray(java.lang.reflect.Array.getLength(hostArray));
        System.arraycopy(hostArray, 0, copy, 0, java.lang.reflect.Array.getLength(hostArray));
        return new Buf(this, dtype, copy);
    }

    @Override
    public Object download(View src) {
        Object out = src.dtype().newHostArray(src.numel());
        View dst = View.contiguous(new Buf(this, src.dtype(), out, null), src.shape());
        copy(dst, src);
        return out;
    }

    @Override
    public void copy(View dst, View src) {
        for (int i = 0; i < dst.numel(); i++) {
            if (isInt(src) && isInt(dst)) {
                setLong(dst, i, getLong(src, i));
            } else {
                set(dst, i, get(src, i));
            }
        }
    }

    @Override
    public void fill(View dst, double value) {
        for (int i = 0; i < dst.numel(); i++) {
            set(dst, i, value);
        }
    }

    @Override
    public void unary(UnaryOp op, View out, View x) {
        boolean f32 = x.dtype() == DType.F32;
        for (int i = 0; i < out.numel(); i++) {
            double v = get(x, i);
            double r = switch (op) {
                case NEG -> -v;
                case ABS -> Math.abs(v);
                case SIGN -> Math.signum(v);
                case EXP -> Math.exp(v);
                case LOG -> Math.log(v);
                case SQRT -> Math.sqrt(v);
                case RSQRT -> 1 / Math.sqrt(v);
                case SIN -> Math.sin(v);
                case COS -> Math.cos(v);
                case TANH -> Math.tanh(v);
                case SIGMOID -> v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
                case RELU -> v > 0 ? v : 0;
                case RECIPROCAL -> 1 / v;
                case SQUARE -> v * v;
                case FLOOR -> Math.floor(v);
                case CEIL -> Math.ceil(v);
                case LOG1P -> Math.log1p(v);
                case EXPM1 -> Math.expm1(v);
                case NOT -> v == 0 ? 1 : 0;
            };
            if (isInt(out) && (op == UnaryOp.NEG || op == UnaryOp.SQUARE || op == UnaryOp.ABS)) {
                long l = getLong(x, i);
                setLong(out, i, op == UnaryOp.NEG ? -l : op == UnaryOp.ABS ? Math.abs(l) : l * l);
            } else {
                set(out, i, f32 ? (float) r : r);
            }
        }
    }

    @Override
    public void binary(BinaryOp op, View out, View a, View b) {
        boolean ints = isInt(a);
        for (int i = 0; i < out.numel(); i++) {
            double x = get(a, i);
            double y = get(b, i);
            if (ints && !op.isComparison()) {
                long p = getLong(a, i);
                long q = getLong(b, i);
                long r = switch (op) {
                    case ADD -> p + q;
                    case SUB -> p - q;
                    case MUL -> p * q;
                    case DIV -> p / q;
                    case MAX -> Math.max(p, q);
                    case MIN -> Math.min(p, q);
                    default -> throw new IllegalArgumentException(op + " on integers");
                };
                setLong(out, i, r);
                continue;
            }
            double r = switch (op) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> x / y;
                case POW -> Math.pow(x, y);
                case MAX -> Math.max(x, y);
                case MIN -> Math.min(x, y);
                case LT -> x < y ? 1 : 0;
                case LE -> x <= y ? 1 : 0;
                case GT -> x > y ? 1 : 0;
                case GE -> x >= y ? 1 : 0;
                case EQ -> x == y ? 1 : 0;
                case NE -> x != y ? 1 : 0;
                case AND -> x != 0 && y != 0 ? 1 : 0;
                case OR -> x != 0 || y != 0 ? 1 : 0;
            };
            set(out, i, r);
        }
    }

    @Override
    public void ternary(TernaryOp op, View out, View a, View b, View c) {
        for (int i = 0; i < out.numel(); i++) {
            if (op == TernaryOp.WHERE) {
                set(out, i, get(a, i) != 0 ? get(b, i) : get(c, i));
            } else {
                set(out, i, Math.min(Math.max(get(a, i), get(b, i)), get(c, i)));
            }
        }
    }

    @Override
    public void lstmCell(View h, View c, View act, View gates, View cPrev) {
        LoopLstmCell.forward(h, c, act, gates, cPrev);
    }

    @Override
    public void lstmCellBackward(View gradGates, View gradCPrev, View gradH, View gradC, View act, View c,
                                 View cPrev) {
        LoopLstmCell.backward(gradGates, gradCPrev, gradH, gradC, act, c, cPrev);
    }

    /** Row by row in double: max, sum of exponentials, then each output (the fused-path reference). */
    @Override
    public void softmax(View out, View in, boolean log) {
        int m = in.dim(in.rank() - 1);
        int rows = in.numel() / m;
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                max = Math.max(max, get(in, r * m + j));
            }
            double sum = 0;
            for (int j = 0; j < m; j++) {
                sum += Math.exp(get(in, r * m + j) - max);
            }
            double logSum = Math.log(sum);
            for (int j = 0; j < m; j++) {
                double shifted = get(in, r * m + j) - max;
                set(out, r * m + j, log ? shifted - logSum : Math.exp(shifted) / sum);
            }
        }
    }

    @Override
    public void reduce(ReduceOp op, View out, View in) {
        int groups = out.numel();
        int n = groups == 0 ? 0 : in.numel() / groups;
        if (groups == 0) {
            return;
        }
        for (int g = 0; g < groups; g++) {
            double acc = switch (op) {
                case SUM -> 0;
                case PROD -> 1;
                default -> get(in, g * n);
            };
            int best = 0;
            for (int j = 0; j < n; j++) {
                double v = get(in, g * n + j);
                switch (op) {
                    case SUM -> acc += v;
                    case PROD -> acc *= v;
                    case MAX -> acc = Double.isNaN(v) || v > acc ? v : acc;
                    case MIN -> acc = Double.isNaN(v) || v < acc ? v : acc;
                    case ARGMAX -> {
                        if (v > acc) {
                            acc = v;
                            best = j;
                        }
                    }
                    case ARGMIN -> {
                        if (v < acc) {
                            acc = v;
                            best = j;
                        }
                    }
                }
            }
            set(out, g, op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN ? best : acc);
        }
    }

    @Override
    public void matmul(View out, View a, View b) {
        int r = out.rank();
        int m = out.dim(r - 2);
        int n = out.dim(r - 1);
        int k = a.dim(r - 1);
        int batches = m * n == 0 ? 0 : out.numel() / (m * n);
        for (int bt = 0; bt < batches; bt++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += get(a, (bt * m + i) * k + p) * get(b, (bt * k + p) * n + j);
                    }
                    set(out, (bt * m + i) * n + j, s);
                }
            }
        }
    }

    /** Flat index of {@code flat} of {@code shapeView} with coordinate {@code axis} replaced by {@code idx} in {@code target}. */
    private static int remap(View shapeView, int flat, int axis, long idx, View target, String op) {
        int[] coord = new int[shapeView.rank()];
        for (int d = shapeView.rank() - 1; d >= 0; d--) {
            coord[d] = flat % shapeView.dim(d);
            flat /= shapeView.dim(d);
        }
        if (idx < 0 || idx >= target.dim(axis)) {
            throw new IndexOutOfBoundsException(op + ": index " + idx + " is out of range for size "
                    + target.dim(axis));
        }
        coord[axis] = (int) idx;
        int t = 0;
        for (int d = 0; d < target.rank(); d++) {
            t = t * target.dim(d) + coord[d];
        }
        return t;
    }

    @Override
    public void gather(View out, View in, int axis, View index) {
        for (int i = 0; i < out.numel(); i++) {
            set(out, i, get(in, remap(index, i, axis, getLong(index, i), in, "gather")));
        }
    }

    @Override
    public void scatterAdd(View out, int axis, View index, View src) {
        for (int i = 0; i < src.numel(); i++) {
            int t = remap(index, i, axis, getLong(index, i), out, "scatterAdd");
            set(out, t, get(out, t) + get(src, i));
        }
    }

    @Override
    public void random(Distribution d, View out, long seed, long offset, double a, double b) {
        for (int i = 0; i < out.numel(); i++) {
            if (d == Distribution.RANDINT) {
                setLong(out, i, Philox.randint(seed, offset + i, (long) a, (long) b));
            } else {
                set(out, i, Philox.sample(d, seed, offset + i, a, b, out.dtype() != DType.F64));
            }
        }
    }

    /**
     * Visits every (window element, output position) pair of {@code g} over {@code in}'s planes:
     * {@code visit(colFlat, inFlat)} with the flat index into the {@code [N, C*kH*kW, oH*oW]}
     * columns and into the {@code [N, C, H, W]} input, or -1 for a position in the padding.
     */
    private static void windows(int n, int c, int h, int w, ConvGeometry g, java.util.function.IntBinaryOperator visit) {
        int oh = g.outH(h);
        int ow = g.outW(w);
        int kh = g.kernelH();
        int kw = g.kernelW();
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int row = (b * c * kh * kw) + (ch * kh + i) * kw + j;
                        for (int y = 0; y < oh; y++) {
                            for (int z = 0; z < ow; z++) {
                                int iy = y * g.strideH() - g.padH() + i * g.dilationH();
                                int ix = z * g.strideW() - g.padW() + j * g.dilationW();
                                boolean inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
                                visit.applyAsInt(row * oh * ow + y * ow + z, inside ? ((b * c + ch) * h + iy) * w + ix : -1);
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void cumsum(View out, View in, boolean reverse) {
        int n = in.dim(in.rank() - 1);
        int rows = in.numel() / n;
        boolean integer = in.dtype() == DType.I32 || in.dtype() == DType.I64;
        for (int r = 0; r < rows; r++) {
            double acc = 0;
            long iacc = 0;
            for (int k = 0; k < n; k++) {
                int flat = r * n + (reverse ? n - 1 - k : k);
                if (integer) {
                    iacc += getLong(in, flat);
                    setLong(out, flat, iacc);
                } else {
                    acc += get(in, flat);
                    set(out, flat, acc);
                }
            }
        }
    }

    @Override
    public void im2col(View out, View in, ConvGeometry g) {
        windows(in.dim(0), in.dim(1), in.dim(2), in.dim(3), g, (col, src) -> {
            set(out, col, src < 0 ? 0 : get(in, src));
            return 0;
        });
    }

    @Override
    public void col2im(View out, View cols, ConvGeometry g) {
        windows(out.dim(0), out.dim(1), out.dim(2), out.dim(3), g, (col, dst) -> {
            if (dst >= 0) {
                set(out, dst, get(out, dst) + get(cols, col));
            }
            return 0;
        });
    }
}
