package dev.sinapsis.conformance;

import dev.sinapsis.spi.TensorInternals;
import static dev.sinapsis.conformance.Naive.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Views (values and shared storage) and joins. */
public interface ViewContract {

    static double[] data(long seed, int... shape) {
        return Naive.sample(seed, Naive.numel(shape), uniform(-10, 10));
    }

    static void same(String what, Tensor view, Tensor base) {
        assertSame(TensorInternals.view(base).storage(), TensorInternals.view(view).storage(), what + " shares the base's storage");
    }

    @Test
    default void viewOpsGiveTheRightValuesAndShareStorage() {
        for (DType d : new DType[] {DType.F32, DType.F64, DType.I64}) {
            int[] s = {3, 5, 7};
            double[] v = Naive.round(Naive.sample(3, 105, Naive.integers(-50, 50)), d);
            Tensor x = Naive.tensor(v, d, s);
            Tensor r = x.reshape(15, 7);
            Naive.assertExact("reshape " + d, v, new int[] {15, 7}, r);
            same("reshape", r, x);
            Naive.assertExact("view(-1) " + d, v, new int[] {105}, x.view(-1));
            Naive.assertExact("flatten " + d, v, new int[] {105}, x.flatten());
            Naive.assertExact("flatten(1,2) " + d, v, new int[] {3, 35}, x.flatten(1, 2));
            Tensor tr = x.transpose(0, 2);
            Naive.assertExact("transpose(0,2) " + d, Naive.permute(v, s, new int[] {2, 1, 0}), new int[] {7, 5, 3}, tr);
            same("transpose", tr, x);
            Naive.assertExact("permute(1,2,0) " + d, Naive.permute(v, s, new int[] {1, 2, 0}), new int[] {5, 7, 3},
                    x.permute(1, 2, 0));
            Naive.assertExact("permute(-1,0,1) " + d, Naive.permute(v, s, new int[] {2, 0, 1}), new int[] {7, 3, 5},
                    x.permute(-1, 0, 1));
            Tensor sl = x.slice(2, 1, 7, 3);
            Naive.assertExact("slice(2,1,7,3) " + d, Naive.slice(v, s, 2, 1, 7, 3), new int[] {3, 5, 2}, sl);
            same("slice", sl, x);
            Naive.assertExact("slice(1,-3,100) " + d, Naive.slice(v, s, 1, 2, 5, 1), new int[] {3, 3, 7},
                    x.slice(1, -3, 100));
            Naive.assertExact("empty slice " + d, new double[0], new int[] {3, 0, 7}, x.slice(1, 4, 2));
            Naive.assertExact("narrow(1,1,3) " + d, Naive.slice(v, s, 1, 1, 4, 1), new int[] {3, 3, 7},
                    x.narrow(1, 1, 3));
            Naive.assertExact("select(1,4) " + d, Naive.slice(v, s, 1, 4, 5, 1), new int[] {3, 7}, x.select(1, 4));
            Naive.assertExact("select(0,-1) " + d, Naive.slice(v, s, 0, 2, 3, 1), new int[] {5, 7}, x.select(0, -1));
            Tensor col = x.select(2, 0).unsqueeze(2);
            Naive.assertExact("unsqueeze " + d, Naive.slice(v, s, 2, 0, 1, 1), new int[] {3, 5, 1}, col);
            Naive.assertExact("expand " + d, Naive.broadcast(Naive.slice(v, s, 2, 0, 1, 1), new int[] {3, 5, 1},
                    new int[] {2, 3, 5, 4}), new int[] {2, 3, 5, 4}, col.expand(2, 3, 5, 4));
            Naive.assertExact("expand(-1) " + d, Naive.broadcast(Naive.slice(v, s, 2, 0, 1, 1), new int[] {3, 5, 1},
                    new int[] {3, 5, 6}), new int[] {3, 5, 6}, col.expand(-1, -1, 6));
            same("expand", col.expand(3, 5, 4), x);
            Tensor ones = x.reshape(1, 3, 1, 35, 1);
            Naive.assertExact("squeeze() " + d, v, new int[] {3, 35}, ones.squeeze());
            Naive.assertExact("squeeze(2) " + d, v, new int[] {1, 3, 35, 1}, ones.squeeze(2));
            Naive.assertExact("squeeze(1) is a no-op on size 3", v, new int[] {1, 3, 1, 35, 1}, ones.squeeze(1));
            same("squeeze", ones.squeeze(), x);
            Naive.assertExact("unsqueeze(-1) " + d, v, new int[] {3, 5, 7, 1}, x.unsqueeze(-1));
            // non-contiguous views of views, then reshape (a copy) and contiguous
            Tensor nc = x.transpose(0, 1).slice(2, 0, 7, 2);
            double[] ncv = Naive.slice(Naive.permute(v, s, new int[] {1, 0, 2}), new int[] {5, 3, 7}, 2, 0, 7, 2);
            Naive.assertExact("transpose+slice " + d, ncv, new int[] {5, 3, 4}, nc);
            Naive.assertExact("reshape of non-contiguous " + d, ncv, new int[] {15, 4}, nc.reshape(15, 4));
            Tensor c = nc.contiguous();
            assertTrue(c.isContiguous());
            Naive.assertExact("contiguous " + d, ncv, new int[] {5, 3, 4}, c);
            assertSame(x, x.contiguous(), "contiguous() of a contiguous tensor is itself");
            assertThrows(ShapeException.class, () -> x.transpose(0, 1).view(105), "view of transposed");
        }
    }

    @Test
    default void writesThroughViewsAreVisibleInTheBase() {
        for (DType d : new DType[] {DType.F32, DType.F64, DType.I32}) {
            Tensor base = Tensor.zeros(dev.sinapsis.tensor.Shape.of(4, 6), d);
            base.slice(1, 1, 6, 2).fill(7);
            base.select(0, 2).narrow(0, 0, 2).fill(-1);
            base.t().select(0, 5).copyFrom(Naive.tensor(new double[] {1, 2, 3, 4}, d));
            double[] expected = new double[24];
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 6; j++) {
                    expected[i * 6 + j] = j % 2 == 1 ? 7 : 0;
                }
                expected[i * 6 + 5] = i + 1;
            }
            expected[12] = -1;
            expected[13] = -1;
            Naive.assertExact("writes through slice/select/t " + d, expected, new int[] {4, 6}, base);
            base.reshape(2, 12).select(1, 0).fill(9);
            expected[0] = 9;
            expected[12] = 9;
            Naive.assertExact("write through reshape " + d, expected, new int[] {4, 6}, base);
            base.view(24).narrow(0, 23, 1).copyFrom(Naive.tensor(new double[] {5}, d));
            expected[23] = 5;
            List<Tensor> parts = base.split(2, 0);
            parts.get(1).unsqueeze(0).select(0, 0).select(1, 2).fill(3);
            expected[2 * 6 + 2] = 3;
            expected[3 * 6 + 2] = 3;
            Naive.assertExact("writes through view/split/unsqueeze " + d, expected, new int[] {4, 6}, base);
            Tensor copy = base.t().contiguous();
            copy.fill(0);
            Naive.assertExact("contiguous() of a view is a copy " + d, expected, new int[] {4, 6}, base);
            // copyFrom broadcasts and converts
            Tensor dst = Tensor.zeros(dev.sinapsis.tensor.Shape.of(3, 4), d);
            dst.t().copyFrom(Tensor.of(new double[] {1.9, -2.9, 3}, 3));
            double[] row = Naive.round(new double[] {1.9, -2.9, 3}, d);
            double[] ex = new double[12];
            for (int i = 0; i < 12; i++) {
                ex[i] = row[i / 4];
            }
            Naive.assertExact("copyFrom broadcast+convert into transposed " + d, ex, new int[] {3, 4}, dst);
        }
    }

    @Test
    default void joinsAndSplits() {
        for (DType d : new DType[] {DType.F32, DType.F64, DType.I64, DType.BOOL}) {
            double[] av = Naive.round(Naive.sample(5, 21, Naive.integers(-5, 5)), d);
            double[] bv = Naive.round(Naive.sample(6, 12, Naive.integers(-5, 5)), d);
            Tensor a = Naive.tensor(av, d, 7, 3);
            Tensor b = Naive.tensor(bv, d, 4, 3);
            Tensor cat0 = Tensor.concat(0, a, b, Tensor.zeros(dev.sinapsis.tensor.Shape.of(0, 3), d));
            double[] ex = new double[33];
            System.arraycopy(av, 0, ex, 0, 21);
            System.arraycopy(bv, 0, ex, 21, 12);
            Naive.assertExact("concat axis 0 " + d, ex, new int[] {11, 3}, cat0);
            // concat along axis 1 of transposed (non-contiguous) inputs
            Tensor cat1 = Tensor.concat(-1, a.t(), b.t());
            double[] at = Naive.permute(av, new int[] {7, 3}, new int[] {1, 0});
            double[] bt = Naive.permute(bv, new int[] {4, 3}, new int[] {1, 0});
            double[] ex1 = new double[33];
            for (int i = 0; i < 3; i++) {
                System.arraycopy(at, i * 7, ex1, i * 11, 7);
                System.arraycopy(bt, i * 4, ex1, i * 11 + 7, 4);
            }
            Naive.assertExact("concat axis 1 of transposed " + d, ex1, new int[] {3, 11}, cat1);
            Tensor st = Tensor.stack(1, a, a.eq(Naive.tensor(new double[] {0}, d)).to(d));
            double[] s2 = Naive.map(av, x -> x == 0 ? 1 : 0);
            double[] exs = new double[42];
            for (int i = 0; i < 7; i++) {
                System.arraycopy(av, i * 3, exs, i * 6, 3);
                System.arraycopy(s2, i * 3, exs, i * 6 + 3, 3);
            }
            Naive.assertExact("stack axis 1 " + d, exs, new int[] {7, 2, 3}, st);
            Naive.assertExact("stack axis -1 " + d, interleave(av, av), new int[] {7, 3, 2}, Tensor.stack(-1, a, a));
            List<Tensor> sp = cat0.split(4, 0);
            assertEquals(3, sp.size());
            assertArrayEquals(new int[] {3, 3}, sp.get(2).shape().toArray());
            Naive.assertExact("split last part " + d, java.util.Arrays.copyOfRange(ex, 24, 33), new int[] {3, 3},
                    sp.get(2));
            same("split", sp.get(1), cat0);
            List<Tensor> ch = cat0.chunk(3, 0);
            assertEquals(3, ch.size());
            assertArrayEquals(new int[] {4, 4, 3}, ch.stream().mapToInt(t -> t.dim(0)).toArray());
            Naive.assertExact("chunk middle " + d, java.util.Arrays.copyOfRange(ex, 12, 24), new int[] {4, 3},
                    ch.get(1));
            List<Tensor> cols = cat0.chunk(2, 1);
            assertArrayEquals(new int[] {2, 1}, cols.stream().mapToInt(t -> t.dim(1)).toArray());
            Naive.assertExact("chunk along axis 1 " + d, Naive.slice(ex, new int[] {11, 3}, 1, 2, 3, 1),
                    new int[] {11, 1}, cols.get(1));
            Tensor cat2 = Tensor.concat(0, Tensor.concat(0, sp), b.t().t());
            assertNotSame(TensorInternals.view(cat2).storage(), TensorInternals.view(cat0).storage());
        }
    }

    private static double[] interleave(double[] a, double[] b) {
        double[] out = new double[a.length * 2];
        for (int i = 0; i < a.length; i++) {
            out[2 * i] = a[i];
            out[2 * i + 1] = b[i];
        }
        return out;
    }
}
