package dev.sinapsis.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.BinaryOp;
import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.Distribution;
import dev.sinapsis.backend.ReduceOp;
import dev.sinapsis.backend.Storage;
import dev.sinapsis.backend.TernaryOp;
import dev.sinapsis.backend.UnaryOp;
import dev.sinapsis.backend.View;
import dev.sinapsis.backend.cpu.CpuBackend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every SPI primitive on OpenCL against the pure-Java CPU backend (the oracle), at the View level:
 * every dtype and operator, broadcast (stride-0) and transposed inputs, Java's conversion and NaN
 * rules, two-pass reductions, both GEMMs, and Philox bits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenClOpsTest {
    private final Backend cpu = new CpuBackend(Nd4jMode.OFF);
    private OpenClBackend cl;

    @BeforeAll
    void setUp() {
        cl = OpenClTests.backend();
    }

    // ------------------------------------------------------------------ helpers

    private static Object host(DType t, int n, long seed, boolean nonZero) {
        Random r = new Random(seed);
        Object a = t.newHostArray(n);
        for (int i = 0; i < n; i++) {
            switch (t) {
                case F32 -> ((float[]) a)[i] = (float) (r.nextGaussian() * 2);
                case F64 -> ((double[]) a)[i] = r.nextGaussian() * 2;
                case I32 -> ((int[]) a)[i] = nonZero ? (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(6)) : r.nextInt(13) - 6;
                case I64 -> ((long[]) a)[i] = nonZero ? (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(6)) : r.nextInt(13) - 6;
                case BOOL -> ((boolean[]) a)[i] = nonZero || r.nextBoolean();
            }
        }
        return a;
    }

    /** The same host data as a view on both backends. */
    private record Pair(View cpu, View cl) {
    }

    private Pair pair(DType t, Object data, int[] shape, int[] strides, int offset) {
        Storage a = cpu.upload(t, data);
        Storage b = cl.upload(t, data);
        return new Pair(new View(a, Shape.of(shape), strides, offset), new View(b, Shape.of(shape), strides, offset));
    }

    private Pair out(DType t, int... shape) {
        Shape s = Shape.of(shape);
        return new Pair(View.contiguous(cpu.allocate(t, s.numel()), s), View.contiguous(cl.allocate(t, s.numel()), s));
    }

    private void assertSame(String what, Pair p, double tol) {
        Object want = cpu.download(p.cpu());
        Object got = cl.download(p.cl());
        int n = java.lang.reflect.Array.getLength(want);
        assertEquals(n, java.lang.reflect.Array.getLength(got), what);
        for (int i = 0; i < n; i++) {
            Object w = java.lang.reflect.Array.get(want, i);
            Object g = java.lang.reflect.Array.get(got, i);
            if (w instanceof Float || w instanceof Double) {
                double wd = ((Number) w).doubleValue();
                double gd = ((Number) g).doubleValue();
                if (Double.isNaN(wd) || Double.isNaN(gd) || Double.isInfinite(wd)) {
                    assertEquals(wd, gd, what + " at " + i);
                } else {
                    assertEquals(wd, gd, tol * Math.max(1, Math.abs(wd)), what + " at " + i);
                }
            } else {
                assertEquals(w, g, what + " at " + i);
            }
        }
    }

    private static double tol(DType t) {
        return t == DType.F32 ? 2e-6 : 1e-13;
    }

    // ------------------------------------------------------------------ elementwise

    @ParameterizedTest
    @EnumSource(DType.class)
    void unaryOpsOnTransposedViews(DType t) {
        Object data = host(t, 15, 1, false);
        for (UnaryOp op : UnaryOp.values()) {
            if (t.isFloating() ? op == UnaryOp.NOT : op.floatOnly()) {
                continue;
            }
            Pair x = pair(t, data, new int[] {3, 5}, new int[] {1, 3}, 0); // a transposed [5, 3]
            Pair o = out(t, 3, 5);
            cpu.unary(op, o.cpu(), x.cpu());
            cl.unary(op, o.cl(), x.cl());
            assertSame(op + " " + t, o, t == DType.F32 ? 4e-6 : 1e-13);
        }
    }

    /** The VEC-wide contiguous kernels at every width (the default one also runs in the conformance suites). */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 4, 8})
    void contiguousKernelsOfEveryWidthHandleOffsetsAndTails(int vec) {
        OpenClBackend w = vec == cl.vectorWidth() ? cl : new OpenClBackend(OpenClBackend.GemmMode.TILED, vec);
        for (int n : new int[] {OpenClBackend.VEC_MIN_ELEMENTS, OpenClBackend.VEC_MIN_ELEMENTS + 1,
            OpenClBackend.VEC_MIN_ELEMENTS + 7, 3 * OpenClBackend.VEC_MIN_ELEMENTS + 5}) {
            for (int offset : new int[] {0, 3}) {
                float[] da = (float[]) host(DType.F32, n + offset, n, false);
                float[] db = (float[]) host(DType.F32, n + offset, n + 1, true);
                Shape s = Shape.of(n);
                int[] unit = {1};
                View ca = new View(cpu.upload(DType.F32, da), s, unit, offset);
                View cb = new View(cpu.upload(DType.F32, db), s, unit, offset);
                View ga = new View(w.upload(DType.F32, da), s, unit, offset);
                View gb = new View(w.upload(DType.F32, db), s, unit, offset);
                String what = "VEC " + vec + ", n " + n + ", offset " + offset;
                // outputs start at an offset too: the kernels index from every operand's own offset
                View co = new View(cpu.allocate(DType.F32, n + 1), s, unit, 1);
                View go = new View(w.allocate(DType.F32, n + 1), s, unit, 1);
                cpu.binary(BinaryOp.DIV, co, ca, cb);
                w.binary(BinaryOp.DIV, go, ga, gb);
                assertArrayEquals((float[]) cpu.download(co), (float[]) w.download(go), 0f, "div " + what);
                cpu.unary(UnaryOp.NEG, co, ca);
                w.unary(UnaryOp.NEG, go, ga);
                assertArrayEquals((float[]) cpu.download(co), (float[]) w.download(go), 0f, "neg " + what);
                cpu.ternary(TernaryOp.CLAMP, co, ca, cb, cb);
                w.ternary(TernaryOp.CLAMP, go, ga, gb, gb);
                assertArrayEquals((float[]) cpu.download(co), (float[]) w.download(go), 0f, "clamp " + what);
                View c64 = View.contiguous(cpu.allocate(DType.F64, n), s);
                View g64 = View.contiguous(w.allocate(DType.F64, n), s);
                cpu.copy(c64, ca);
                w.copy(g64, ga);
                assertArrayEquals((double[]) cpu.download(c64), (double[]) w.download(g64), 0d, "copy " + what);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void binaryOpsBroadcast(DType t) {
        Object da = host(t, 12, 2, false);
        Object db = host(t, 15, 3, true);
        for (BinaryOp op : BinaryOp.values()) {
            if (op.isLogical() && t != DType.BOOL) {
                continue;
            }
            if (t == DType.BOOL && !(op.isLogical() || op == BinaryOp.EQ || op == BinaryOp.NE)) {
                continue;
            }
            Pair a = pair(t, da, new int[] {4, 5, 3}, new int[] {3, 0, 1}, 0);
            Pair b = pair(t, db, new int[] {4, 5, 3}, new int[] {0, 3, 1}, 0);
            DType ot = op.isComparison() || op.isLogical() ? DType.BOOL : t;
            Pair o = out(ot, 4, 5, 3);
            cpu.binary(op, o.cpu(), a.cpu(), b.cpu());
            cl.binary(op, o.cl(), a.cl(), b.cl());
            assertSame(op + " " + t, o, op == BinaryOp.POW ? 1e-5 : tol(t));
        }
    }

    @Test
    void maxMinPropagateNaNAndOrderSignedZeros() {
        float[] a = {Float.NaN, 1, -0f, 0f, 2};
        float[] b = {1, Float.NaN, 0f, -0f, Float.NEGATIVE_INFINITY};
        for (BinaryOp op : new BinaryOp[] {BinaryOp.MAX, BinaryOp.MIN}) {
            Pair x = pair(DType.F32, a, new int[] {5}, new int[] {1}, 0);
            Pair y = pair(DType.F32, b, new int[] {5}, new int[] {1}, 0);
            Pair o = out(DType.F32, 5);
            cpu.binary(op, o.cpu(), x.cpu(), y.cpu());
            cl.binary(op, o.cl(), x.cl(), y.cl());
            float[] want = (float[]) cpu.download(o.cpu());
            float[] got = (float[]) cl.download(o.cl());
            for (int i = 0; i < 5; i++) {
                assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got[i]), op + " at " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64", "I32", "I64"})
    void ternaryWhereAndClamp(DType t) {
        Pair cond = pair(DType.BOOL, host(DType.BOOL, 6, 4, false), new int[] {6}, new int[] {1}, 0);
        Pair b = pair(t, host(t, 6, 5, false), new int[] {6}, new int[] {1}, 0);
        Pair c = pair(t, host(t, 1, 6, false), new int[] {6}, new int[] {0}, 0);
        Pair o = out(t, 6);
        cpu.ternary(TernaryOp.WHERE, o.cpu(), cond.cpu(), b.cpu(), c.cpu());
        cl.ternary(TernaryOp.WHERE, o.cl(), cond.cl(), b.cl(), c.cl());
        assertSame("where " + t, o, 0);
        Object lo = t.newHostArray(1);
        Object hi = t.newHostArray(1);
        java.lang.reflect.Array.set(lo, 0, t == DType.F32 ? (Object) (-1f) : t == DType.F64 ? (Object) (-1d)
                : t == DType.I32 ? (Object) (-1) : (Object) (-1L));
        java.lang.reflect.Array.set(hi, 0, t == DType.F32 ? (Object) 1f : t == DType.F64 ? (Object) 1d
                : t == DType.I32 ? (Object) 1 : (Object) 1L);
        Pair l = pair(t, lo, new int[] {6}, new int[] {0}, 0);
        Pair h = pair(t, hi, new int[] {6}, new int[] {0}, 0);
        Pair o2 = out(t, 6);
        cpu.ternary(TernaryOp.CLAMP, o2.cpu(), b.cpu(), l.cpu(), h.cpu());
        cl.ternary(TernaryOp.CLAMP, o2.cl(), b.cl(), l.cl(), h.cl());
        assertSame("clamp " + t, o2, 0);
    }

    @Test
    void copiesConvertWithJavasRules() {
        double[] special = {Double.NaN, 1e20, -1e20, 2.7, -2.7, 0, -0.0, 3e9, Double.POSITIVE_INFINITY, 1};
        for (DType src : DType.values()) {
            Object data = switch (src) {
                case F64 -> special;
                case F32 -> {
                    float[] f = new float[special.length];
                    for (int i = 0; i < f.length; i++) {
                        f[i] = (float) special[i];
                    }
                    yield f;
                }
                default -> host(src, special.length, 7, false);
            };
            for (DType dst : DType.values()) {
                Pair s = pair(src, data, new int[] {2, 5}, new int[] {1, 2}, 0);
                Pair o = out(dst, 2, 5);
                cpu.copy(o.cpu(), s.cpu());
                cl.copy(o.cl(), s.cl());
                assertSame("copy " + src + " -> " + dst, o, 0);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void fillContiguousAndStrided(DType t) {
        Pair o = out(t, 4, 6);
        Pair strided = new Pair(new View(o.cpu().storage(), Shape.of(2, 3), new int[] {12, 2}, 1),
                new View(o.cl().storage(), Shape.of(2, 3), new int[] {12, 2}, 1));
        cpu.fill(o.cpu(), 2.5);
        cl.fill(o.cl(), 2.5);
        cpu.fill(strided.cpu(), -7.9);
        cl.fill(strided.cl(), -7.9);
        assertSame("fill " + t, o, 0);
    }

    // ------------------------------------------------------------------ reductions

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64", "I32", "I64"})
    void reductionsOverTrailingAxes(DType t) {
        for (ReduceOp op : ReduceOp.values()) {
            // [3, 4, 5] permuted to [4, 3, 5]: reduce the last two of a non-contiguous view
            Pair x = pair(t, host(t, 60, 8, true), new int[] {4, 3, 5}, new int[] {5, 20, 1}, 0);
            DType ot = op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN ? DType.I64 : t;
            Pair o = out(ot, 4);
            cpu.reduce(op, o.cpu(), x.cpu());
            cl.reduce(op, o.cl(), x.cl());
            assertSame(op + " " + t, o, t == DType.F32 ? 1e-6 : 1e-12);
            // a full reduction of many elements: the two-pass path
            int n = 100_003;
            Pair big = pair(t, host(t, n, 9, true), new int[] {n}, new int[] {1}, 0);
            Pair ob = out(ot);
            cpu.reduce(op, ob.cpu(), big.cpu());
            cl.reduce(op, ob.cl(), big.cl());
            assertSame(op + " " + t + " full", ob, op == ReduceOp.PROD ? 1e-3 : t == DType.F32 ? 1e-6 : 1e-12);
        }
    }

    @Test
    void argReductionsKeepTheFirstTieAndNaNWins() {
        float[] ties = {1, 5, 5, 2, 5, -1, -1, 0};
        float[] nan = {1, Float.NaN, 7, Float.NaN, 9, 0, 0, 0};
        for (float[] data : new float[][] {ties, nan}) {
            for (ReduceOp op : ReduceOp.values()) {
                for (int rows : new int[] {1, 2}) {
                    Pair x = pair(DType.F32, data, new int[] {rows, 8 / rows}, new int[] {8 / rows, 1}, 0);
                    DType ot = op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN ? DType.I64 : DType.F32;
                    Pair o = out(ot, rows);
                    cpu.reduce(op, o.cpu(), x.cpu());
                    cl.reduce(op, o.cl(), x.cl());
                    assertSame(op + " on " + java.util.Arrays.toString(data), o, 1e-6);
                }
            }
        }
        // ties across the parts of the two-pass reduction
        float[] flat = new float[50_000];
        flat[1234] = 3;
        flat[40_000] = 3;
        Pair x = pair(DType.F32, flat, new int[] {flat.length}, new int[] {1}, 0);
        Pair o = out(DType.I64);
        cl.reduce(ReduceOp.ARGMAX, o.cl(), x.cl());
        assertArrayEquals(new long[] {1234}, (long[]) cl.download(o.cl()));
        cl.reduce(ReduceOp.ARGMIN, o.cl(), x.cl());
        assertArrayEquals(new long[] {0}, (long[]) cl.download(o.cl()));
    }

    @Test
    void emptyReductionsGiveTheIdentity() {
        Pair x = pair(DType.F32, new float[0], new int[] {3, 0}, new int[] {0, 1}, 0);
        for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.PROD}) {
            Pair o = out(DType.F32, 3);
            cpu.reduce(op, o.cpu(), x.cpu());
            cl.reduce(op, o.cl(), x.cl());
            assertSame(op + " of nothing", o, 0);
        }
    }

    // ------------------------------------------------------------------ matmul

    @ParameterizedTest
    @EnumSource(OpenClBackend.GemmMode.class)
    void matmulAllLayouts(OpenClBackend.GemmMode mode) {
        OpenClBackend be = OpenClTests.backend(mode);
        OpenClBackend saved = cl;
        cl = be;
        try {
            for (DType t : new DType[] {DType.F32, DType.F64}) {
                int[][] sizes = {{5, 7, 3}, {33, 65, 17}, {64, 64, 64}, {1, 9, 4}, {7, 1, 1}, {3, 4, 0}, {130, 70, 90}};
                for (int[] s : sizes) {
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    for (boolean ta : new boolean[] {false, true}) {
                        for (boolean tb : new boolean[] {false, true}) {
                            Pair a = pair(t, host(t, m * k, 10, false), new int[] {m, k},
                                    ta ? new int[] {1, m} : new int[] {k, 1}, 0);
                            Pair b = pair(t, host(t, k * n, 11, false), new int[] {k, n},
                                    tb ? new int[] {1, k} : new int[] {n, 1}, 0);
                            Pair o = out(t, m, n);
                            cpu.matmul(o.cpu(), a.cpu(), b.cpu());
                            cl.matmul(o.cl(), a.cl(), b.cl());
                            assertSame(mode + " " + t + " " + m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb, o,
                                    t == DType.F32 ? 1e-4 : 1e-11);
                        }
                    }
                }
                // batched [2, 3]: a broadcast along the first batch axis (stride 0), b offset
                int m = 6;
                int n = 5;
                int k = 4;
                Pair a = pair(t, host(t, 3 * m * k, 12, false), new int[] {2, 3, m, k}, new int[] {0, m * k, k, 1}, 0);
                Pair b = pair(t, host(t, 6 * k * n + 2, 13, false), new int[] {2, 3, k, n},
                        new int[] {3 * k * n, k * n, n, 1}, 2);
                Pair o = out(t, 2, 3, m, n);
                cpu.matmul(o.cpu(), a.cpu(), b.cpu());
                cl.matmul(o.cl(), a.cl(), b.cl());
                assertSame(mode + " batched " + t, o, t == DType.F32 ? 1e-5 : 1e-12);
                // batched with one batch stride (CLBlast's strided-batched path when large)
                m = 70;
                n = 80;
                k = 60;
                a = pair(t, host(t, 3 * m * k, 14, false), new int[] {3, m, k}, new int[] {m * k, 1, m}, 0);
                b = pair(t, host(t, 3 * k * n, 15, false), new int[] {3, k, n}, new int[] {k * n, n, 1}, 0);
                o = out(t, 3, m, n);
                cpu.matmul(o.cpu(), a.cpu(), b.cpu());
                cl.matmul(o.cl(), a.cl(), b.cl());
                assertSame(mode + " strided batch " + t, o, t == DType.F32 ? 1e-4 : 1e-11);
            }
        } finally {
            cl = saved;
        }
    }

    // ------------------------------------------------------------------ index, conv, random

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64", "I32", "I64"})
    void gatherAndScatterAdd(DType t) {
        long[] idx = {2, 0, 2, 1, 1, 2, 0, 0, 2, 2, 1, 0};
        for (int axis = 0; axis < 2; axis++) {
            int[] ishape = axis == 1 ? new int[] {4, 3} : new int[] {3, 4};
            Pair index = pair(DType.I64, idx, ishape, axis == 1 ? new int[] {3, 1} : new int[] {4, 1}, 0);
            Pair in = pair(t, host(t, 20, 16, false), new int[] {4, 5}, new int[] {5, 1}, 0);
            Pair in2 = pair(t, host(t, 20, 16, false), axis == 1 ? new int[] {4, 3} : new int[] {3, 4},
                    axis == 1 ? new int[] {5, 1} : new int[] {5, 1}, 0);
            Pair g = out(t, ishape);
            View inCpu = axis == 1 ? in.cpu() : new View(in.cpu().storage(), Shape.of(4, 4), new int[] {5, 1}, 0);
            View inCl = axis == 1 ? in.cl() : new View(in.cl().storage(), Shape.of(4, 4), new int[] {5, 1}, 0);
            cpu.gather(g.cpu(), inCpu, axis, index.cpu());
            cl.gather(g.cl(), inCl, axis, index.cl());
            assertSame("gather axis " + axis + " " + t, g, 0);
            Pair acc = out(t, 4, 4);
            cpu.scatterAdd(acc.cpu(), axis, index.cpu(), in2.cpu());
            cl.scatterAdd(acc.cl(), axis, index.cl(), in2.cl());
            assertSame("scatterAdd axis " + axis + " " + t, acc, t == DType.F32 ? 1e-6 : 1e-13);
        }
        Pair bad = pair(DType.I64, new long[] {0, 5}, new int[] {1, 2}, new int[] {2, 1}, 0);
        Pair in = pair(t, host(t, 6, 17, false), new int[] {2, 3}, new int[] {3, 1}, 0);
        Pair g = out(t, 1, 2);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> cl.gather(g.cl(), in.cl(), 1, bad.cl()));
        assertTrue(e.getMessage().contains("gather") && e.getMessage().contains("5"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void im2colAndCol2im(DType t) {
        ConvGeometry g = new ConvGeometry(3, 2, 2, 1, 1, 0, 2, 1);
        int n = 2;
        int c = 3;
        int h = 7;
        int w = 6;
        int oh = g.outH(h);
        int ow = g.outW(w);
        // input as a permuted NHWC buffer: non-contiguous NCHW view
        Pair in = pair(t, host(t, n * c * h * w, 18, false), new int[] {n, c, h, w},
                new int[] {h * w * c, 1, w * c, c}, 0);
        Pair cols = out(t, n, c * 3 * 2, oh * ow);
        cpu.im2col(cols.cpu(), in.cpu(), g);
        cl.im2col(cols.cl(), in.cl(), g);
        assertSame("im2col " + t, cols, 0);
        Pair back = out(t, n, c, h, w);
        cpu.col2im(back.cpu(), cols.cpu(), g);
        cl.col2im(back.cl(), cols.cl(), g);
        assertSame("col2im " + t, back, tol(t));
    }

    @Test
    void randomIsBitIdenticalToTheCpu() {
        for (DType t : DType.values()) {
            for (Distribution d : Distribution.values()) {
                double a = d == Distribution.RANDINT ? -3 : d == Distribution.BERNOULLI ? 0.3 : -1.5;
                double b = d == Distribution.RANDINT ? 11 : 2.5;
                Pair o = out(t, 1001);
                cpu.random(d, o.cpu(), 42, 1L << 33, a, b);
                cl.random(d, o.cl(), 42, 1L << 33, a, b);
                Object want = cpu.download(o.cpu());
                Object got = cl.download(o.cl());
                if (t == DType.F32) {
                    float[] w = (float[]) want;
                    float[] g = (float[]) got;
                    for (int i = 0; i < w.length; i++) {
                        assertEquals(Float.floatToIntBits(w[i]), Float.floatToIntBits(g[i]), d + " " + t + " at " + i);
                    }
                } else {
                    assertTrue(java.util.Objects.deepEquals(want, got), "random " + d + " " + t);
                }
            }
        }
    }
}
