package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.BinaryOp;
import dev.sinapsis.backend.TernaryOp;
import dev.sinapsis.backend.UnaryOp;
import dev.sinapsis.backend.View;
import dev.sinapsis.tensor.DType;
import jdk.incubator.vector.VectorOperators;

/**
 * Elementwise kernels. Typed loops for F32 and F64 (the training path), with a tight loop for
 * the common contiguous arithmetic that the JIT vectorises; the general dtype path goes through
 * {@link Elements}. The output is contiguous, so operand 0 of every loop is the output.
 */
final class CpuElementwise {
    /** Rough cost of one element, in elementary operations, for the parallel split. */
    private static final int COST = 4;

    private CpuElementwise() {
    }

    static void unary(UnaryOp op, View out, View x) {
        StridedLoop loop = StridedLoop.of(out.shape(), out, x);
        Object o = CpuStorage.of(out.storage()).array();
        Object in = CpuStorage.of(x.storage()).array();
        int xs = loop.innerStride(1);
        DType t = x.dtype();
        if (t == DType.F32) {
            float[] dst = (float[]) o;
            float[] src = (float[]) in;
            loop.parallel(COST, (off, n) -> {
                if (xs != 1 || !unaryF32Contiguous(op, dst, off[0], src, off[1], n)) {
                    for (int i = 0; i < n; i++) {
                        dst[off[0] + i] = (float) Scalars.unary(op, (double) src[off[1] + i * xs]);
                    }
                }
            });
        } else if (t == DType.F64) {
            double[] dst = (double[]) o;
            double[] src = (double[]) in;
            loop.parallel(COST, (off, n) -> {
                for (int i = 0; i < n; i++) {
                    dst[off[0] + i] = Scalars.unary(op, src[off[1] + i * xs]);
                }
            });
        } else {
            DType ot = out.dtype();
            loop.parallel(COST, (off, n) -> {
                for (int i = 0; i < n; i++) {
                    Elements.setLong(o, ot, off[0] + i, Scalars.unary(op, Elements.getLong(in, t, off[1] + i * xs)));
                }
            });
        }
    }

    static void binary(BinaryOp op, View out, View a, View b) {
        StridedLoop loop = StridedLoop.of(out.shape(), out, a, b);
        Object o = CpuStorage.of(out.storage()).array();
        Object pa = CpuStorage.of(a.storage()).array();
        Object pb = CpuStorage.of(b.storage()).array();
        int as = loop.innerStride(1);
        int bs = loop.innerStride(2);
        DType t = a.dtype();
        DType ot = out.dtype();
        if (t == DType.F32 && ot == DType.F32) {
            float[] dst = (float[]) o;
            float[] x = (float[]) pa;
            float[] y = (float[]) pb;
            loop.parallel(COST, (off, n) -> binaryF32(op, dst, off[0], x, off[1], as, y, off[2], bs, n));
        } else if (t == DType.F64 && ot == DType.F64) {
            double[] dst = (double[]) o;
            double[] x = (double[]) pa;
            double[] y = (double[]) pb;
            loop.parallel(COST, (off, n) -> {
                for (int i = 0; i < n; i++) {
                    dst[off[0] + i] = Scalars.binary(op, x[off[1] + i * as], y[off[2] + i * bs]);
                }
            });
        } else if (t == DType.F32 && ot == DType.BOOL) {
            float[] x = (float[]) pa;
            float[] y = (float[]) pb;
            boolean[] dst = (boolean[]) o;
            loop.parallel(COST, (off, n) -> compareF32(op, dst, off[0], x, off[1], as, y, off[2], bs, n));
        } else if (t.isFloating()) {
            loop.parallel(COST, (off, n) -> {
                for (int i = 0; i < n; i++) {
                    double va = Elements.getDouble(pa, t, off[1] + i * as);
                    double vb = Elements.getDouble(pb, t, off[2] + i * bs);
                    if (ot == DType.BOOL) {
                        ((boolean[]) o)[off[0] + i] = Scalars.compare(op, va, vb);
                    } else {
                        Elements.setDouble(o, ot, off[0] + i, Scalars.binary(op, va, vb));
                    }
                }
            });
        } else {
            loop.parallel(COST, (off, n) -> {
                for (int i = 0; i < n; i++) {
                    long va = Elements.getLong(pa, t, off[1] + i * as);
                    long vb = Elements.getLong(pb, t, off[2] + i * bs);
                    Elements.setLong(o, ot, off[0] + i, Scalars.binary(op, va, vb));
                }
            });
        }
    }

    /**
     * Unit-stride F32 rows of the hot unary ops, one loop per operator so the JIT vectorises them;
     * false for the others (the caller falls back to the scalar path).
     */
    private static boolean unaryF32Contiguous(UnaryOp op, float[] dst, int oo, float[] src, int xo, int n) {
        switch (op) {
            case RELU -> VectorLoops.relu(src, xo, dst, oo, n); // C2 leaves Math.max loops scalar
            case NEG -> {
                for (int i = 0; i < n; i++) {
                    dst[oo + i] = -src[xo + i];
                }
            }
            case SQUARE -> {
                for (int i = 0; i < n; i++) {
                    dst[oo + i] = src[xo + i] * src[xo + i];
                }
            }
            case ABS -> {
                for (int i = 0; i < n; i++) {
                    dst[oo + i] = Math.abs(src[xo + i]);
                }
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    dst[oo + i] = (float) Math.sqrt(src[xo + i]);
                }
            }
            case RECIPROCAL -> {
                for (int i = 0; i < n; i++) {
                    dst[oo + i] = 1f / src[xo + i];
                }
            }
            default -> {
                return VectorMath.unaryF32(op, dst, oo, src, xo, n);
            }
        }
        return true;
    }

    /**
     * Any-stride F32 arithmetic with the operator chosen once per row, not per element (broadcast
     * operands arrive as stride 0). Float arithmetic here equals the double-then-round of
     * {@link Scalars#binary} for these operators: + - * / of two floats rounded once are exact in
     * double. False for the operators left to the scalar path.
     */
    private static boolean binaryF32Strided(BinaryOp op, float[] dst, int oo, float[] x, int xo, int xs,
                                            float[] y, int yo, int ys, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    dst[oo + i] = x[xo + i * xs] + y[yo + i * ys];
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    dst[oo + i] = x[xo + i * xs] - y[yo + i * ys];
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    dst[oo + i] = x[xo + i * xs] * y[yo + i * ys];
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    dst[oo + i] = x[xo + i * xs] / y[yo + i * ys];
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    dst[oo + i] = Math.max(x[xo + i * xs], y[yo + i * ys]);
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    dst[oo + i] = Math.min(x[xo + i * xs], y[yo + i * ys]);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** F32 comparison rows, one loop per operator (the training path's masks: relu, max, clamp). */
    private static void compareF32(BinaryOp op, boolean[] dst, int oo, float[] x, int xo, int xs,
                                   float[] y, int yo, int ys, int n) {
        VectorOperators.Comparison cmp = VectorLoops.comparison(op);
        if (cmp != null && xs == 1 && (ys == 0 || ys == 1)) {
            VectorLoops.compare(op, x, xo, y, yo, ys, dst, oo, n);
            return;
        }
        switch (op) {
            case GT -> {
                if (xs == 1 && ys == 0) {
                    float t = y[yo];
                    for (int i = 0; i < n; i++) {
                        dst[oo + i] = x[xo + i] > t;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        dst[oo + i] = x[xo + i * xs] > y[yo + i * ys];
                    }
                }
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    dst[oo + i] = x[xo + i * xs] < y[yo + i * ys];
                }
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    dst[oo + i] = x[xo + i * xs] >= y[yo + i * ys];
                }
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    dst[oo + i] = x[xo + i * xs] <= y[yo + i * ys];
                }
            }
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    dst[oo + i] = x[xo + i * xs] == y[yo + i * ys];
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    dst[oo + i] = Scalars.compare(op, x[xo + i * xs], y[yo + i * ys]);
                }
            }
        }
    }

    /** F32 rows: a unit-stride row or a broadcast value on each side in vectors, other strides one element at a time. */
    private static void binaryF32(BinaryOp op, float[] dst, int oo, float[] x, int xo, int xs,
                                  float[] y, int yo, int ys, int n) {
        if (VectorArithmetic.binaryF32(op, dst, oo, x, xo, xs, y, yo, ys, n)) {
            return;
        }
        if (!binaryF32Strided(op, dst, oo, x, xo, xs, y, yo, ys, n)) {
            for (int i = 0; i < n; i++) {
                dst[oo + i] = (float) Scalars.binary(op, x[xo + i * xs], y[yo + i * ys]);
            }
        }
    }

    static void ternary(TernaryOp op, View out, View a, View b, View c) {
        StridedLoop loop = StridedLoop.of(out.shape(), out, a, b, c);
        Object o = CpuStorage.of(out.storage()).array();
        Object pa = CpuStorage.of(a.storage()).array();
        Object pb = CpuStorage.of(b.storage()).array();
        Object pc = CpuStorage.of(c.storage()).array();
        int as = loop.innerStride(1);
        int bs = loop.innerStride(2);
        int cs = loop.innerStride(3);
        DType ot = out.dtype();
        DType at = a.dtype();
        DType bt = b.dtype();
        if (op == TernaryOp.WHERE && at == DType.BOOL && bt == ot && c.dtype() == ot) {
            // the training path (activations' masks and their gradients): typed, no per-element dispatch
            boolean[] cond = (boolean[]) pa;
            if (ot == DType.F32) {
                float[] dst = (float[]) o;
                float[] x = (float[]) pb;
                float[] y = (float[]) pc;
                boolean vector = as == 1 && (bs == 0 || bs == 1) && (cs == 0 || cs == 1);
                loop.parallel(COST, (off, n) -> {
                    if (vector) {
                        VectorLoops.select(cond, off[1], x, off[2], bs, y, off[3], cs, dst, off[0], n);
                        return;
                    }
                    for (int i = 0; i < n; i++) {
                        dst[off[0] + i] = cond[off[1] + i * as] ? x[off[2] + i * bs] : y[off[3] + i * cs];
                    }
                });
                return;
            }
            if (ot == DType.F64) {
                double[] dst = (double[]) o;
                double[] x = (double[]) pb;
                double[] y = (double[]) pc;
                loop.parallel(COST, (off, n) -> {
                    for (int i = 0; i < n; i++) {
                        dst[off[0] + i] = cond[off[1] + i * as] ? x[off[2] + i * bs] : y[off[3] + i * cs];
                    }
                });
                return;
            }
        }
        loop.parallel(COST, (off, n) -> {
            for (int i = 0; i < n; i++) {
                int ia = off[1] + i * as;
                int ib = off[2] + i * bs;
                int ic = off[3] + i * cs;
                if (op == TernaryOp.WHERE) {
                    boolean pick = Elements.getBoolean(pa, at, ia);
                    Elements.convert(o, ot, off[0] + i, pick ? pb : pc, bt, pick ? ib : ic);
                } else if (ot.isFloating()) {
                    double v = Elements.getDouble(pa, at, ia);
                    double lo = Elements.getDouble(pb, bt, ib);
                    double hi = Elements.getDouble(pc, bt, ic);
                    Elements.setDouble(o, ot, off[0] + i, Math.min(Math.max(v, lo), hi));
                } else {
                    long v = Elements.getLong(pa, at, ia);
                    long lo = Elements.getLong(pb, bt, ib);
                    long hi = Elements.getLong(pc, bt, ic);
                    Elements.setLong(o, ot, off[0] + i, Math.min(Math.max(v, lo), hi));
                }
            }
        });
    }
}
