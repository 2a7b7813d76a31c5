package dev.sinapsis.conformance;

import static dev.sinapsis.conformance.Naive.uniform;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sinapsis.backend.Capability;
import dev.sinapsis.backend.LstmCellOps;
import dev.sinapsis.conformance.CapabilityCase.Output;
import dev.sinapsis.nn.RecurrentState;
import dev.sinapsis.nn.functional.Recurrent;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@link LstmCellOps} through {@link #lstmPointwise}: {@code h} and {@code c} and the gradients of
 * the gates and {@code cPrev} (from both outputs) on odd sizes ({@code H} of 1, 5 and 13, so vector
 * loops have tails), gates that are a slice of a wider tensor, a transposed view, or contiguous, and
 * saturated gates whose composite results and gradients are subnormal: the fused path must give none
 * (see {@link LstmCellOps} for the bounds) and still agree with the composite.
 *
 * <p>Each example's input packs both operands as {@code [B, 5H]} (gates, then {@code cPrev}), so the
 * input gradient holds both gradients.
 */
final class LstmCellCase implements CapabilityCase {
    @Override
    public Class<? extends Capability> type() {
        return LstmCellOps.class;
    }

    /**
     * The LSTM cell's pointwise part as the recurrent layers compute it,
     * {@link Recurrent#lstmPointwise}: the fused kernels when the backend offers them, else the
     * composite (the reference). Returns {@code {h, c}}.
     */
    static Tensor[] lstmPointwise(Tensor gates, Tensor cPrev) {
        RecurrentState s = Recurrent.lstmPointwise(gates, cPrev);
        return new Tensor[] {s.h(), s.c()};
    }

    /** The cell on a packed {@code [B, 5H]} input: its first {@code 4H} columns are the gates. */
    private static Tensor[] packed(Tensor x, boolean contiguousGates) {
        int h = x.dim(1) / 5;
        Tensor gates = x.narrow(1, 0, 4 * h);
        return lstmPointwise(contiguousGates ? gates.contiguous() : gates, x.narrow(1, 4 * h, h));
    }

    /**
     * Saturated inputs, {@code [b, 5h]}: gates in the range where sigmoid (and its derivative) is
     * subnormal in {@code d} (composite) or exactly 0, or where tanh is ±1; cell states of every size.
     */
    static Tensor saturated(DType d, int b, int h) {
        // sigmoid(x) is subnormal for x in about [-103, -87] in F32 and [-745, -708] in F64
        double lo = d == DType.F32 ? -103 : -744;
        double hi = d == DType.F32 ? -88 : -709;
        double[] v = Naive.sample(41, b * 5 * h, uniform(0, 1));
        for (int r = 0; r < b; r++) {
            for (int k = 0; k < 5 * h; k++) {
                int at = r * 5 * h + k;
                double u = v[at];
                if (k >= 4 * h) {
                    v[at] = u < 0.3 ? 1e-3 * (u - 0.15) : u < 0.6 ? 3 * (u - 0.45) : 0;   // cPrev
                } else if (k < h) {
                    v[at] = u < 0.5 ? -200 - u : lo + (hi - lo) * u;                    // i: 0 or subnormal
                } else if (k < 3 * h && k >= 2 * h) {
                    v[at] = u < 0.5 ? 20 + u : -u * 1e-3;                                // g: ±1 or tiny
                } else {
                    v[at] = lo + (hi - lo) * u;                                          // f, o: subnormal
                }
            }
        }
        return Naive.tensor(v, d, b, 5 * h);
    }

    /** Fails if any value is subnormal in {@code d}. */
    static void assertNoSubnormal(String what, double[] values, DType d) {
        double min = d == DType.F32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        for (int i = 0; i < values.length; i++) {
            double a = Math.abs(values[i]);
            if (a != 0 && a < min) {
                fail(what + ": element " + i + " is subnormal (" + values[i] + "); the fused LSTM cell must flush"
                        + " tiny values to zero (LstmCellOps)");
            }
        }
    }

    /** Whether any value is subnormal in {@code d}. */
    static boolean anySubnormal(double[] values, DType d) {
        double min = d == DType.F32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        for (double v : values) {
            if (v != 0 && Math.abs(v) < min) {
                return true;
            }
        }
        return false;
    }

    private static Example example(String name, Tensor x, Function<Tensor, Tensor[]> f, DType d) {
        double tol = d == DType.F32 ? 1e-6 : 1e-12;
        double gradTol = d == DType.F32 ? 1e-5 : 1e-11;
        return new Example("lstmCell " + d + " " + name, x, f, List.of(Output.close("h", tol), Output.close("c", tol)),
                gradTol, outs -> {
                    for (int i = 0; i < outs.length; i++) {
                        assertNoSubnormal(name + (i == 0 ? " h" : " c"), outs[i].toDoubleArray(), d);
                    }
                }, grad -> assertNoSubnormal(name + " input gradient", grad, d));
    }

    @Override
    public List<Example> examples(DType d) {
        List<Example> out = new ArrayList<>();
        int[][] sizes = {{3, 5}, {1, 1}, {7, 13}};
        for (int[] s : sizes) {
            int b = s[0];
            int h = s[1];
            Tensor x = Naive.tensor(Naive.sample(31L * b + h, b * 5 * h, uniform(-4, 4)), d, b, 5 * h);
            out.add(example("B=" + b + " H=" + h + " gates sliced from [B,5H]", x, in -> packed(in, false), d));
            out.add(example("B=" + b + " H=" + h + " contiguous gates", x, in -> packed(in, true), d));
            Tensor xt = x.t().contiguous();
            out.add(example("B=" + b + " H=" + h + " transposed gates", xt, in -> packed(in.t(), false), d));
        }
        out.add(example("saturated B=4 H=9", saturated(d, 4, 9), in -> packed(in, false), d));
        return out;
    }

    @Override
    public List<Example> gradCheckExamples() {
        Tensor x = Naive.tensor(Naive.sample(51, 2 * 15, uniform(-3, 3)), DType.F64, 2, 15);
        return List.of(
                example("grad check B=2 H=3", x, in -> packed(in, false), DType.F64),
                example("grad check B=3 H=2 transposed", x.reshape(3, 10).t().contiguous(),
                        in -> packed(in.t(), false), DType.F64));
    }
}
