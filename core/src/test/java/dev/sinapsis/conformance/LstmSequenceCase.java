package dev.sinapsis.conformance;

import static dev.sinapsis.conformance.Naive.uniform;

import dev.sinapsis.backend.Capability;
import dev.sinapsis.backend.LstmSequenceOps;
import dev.sinapsis.conformance.CapabilityCase.Output;
import dev.sinapsis.nn.RecurrentOutput;
import dev.sinapsis.nn.RecurrentState;
import dev.sinapsis.nn.functional.Recurrent;
import dev.sinapsis.nn.functional.RecurrentOptions;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@link LstmSequenceOps} through the public LSTM layer, {@link Recurrent#recurrent}: its output
 * sequence, {@code h_n} and {@code c_n}, and the gradients of everything that enters it (the input
 * sequence, the initial state and all four weights, packed into the one input of each example, so
 * the weight gradient the layer takes from the fused path's states is checked too). Examples cover
 * time-major and batch-first layouts, both directions and two stacked layers, sequences of unequal
 * lengths (padded steps carry the state), odd sizes ({@code H} of 1 and 13, so vector loops have
 * tails, and enough rows to split the batch across threads), one step, and pre-activations large
 * enough to saturate the gates.
 */
final class LstmSequenceCase implements CapabilityCase {
    @Override
    public Class<? extends Capability> type() {
        return LstmSequenceOps.class;
    }

    /** One configuration: sizes, layout, lengths (or null), and the scale of the weights. */
    private record Config(String name, int steps, int batch, int in, int hidden, int layers, boolean bidirectional,
                          boolean batchFirst, int[] lengths, double weightScale) {
        int directions() {
            return bidirectional ? 2 : 1;
        }

        /** The weight tensors' sizes in {@code _flat_weights} order, per layer and direction. */
        List<int[]> weightShapes() {
            List<int[]> out = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                for (int d = 0; d < directions(); d++) {
                    int inputs = l == 0 ? in : hidden * directions();
                    out.add(new int[] {4 * hidden, inputs});
                    out.add(new int[] {4 * hidden, hidden});
                    out.add(new int[] {4 * hidden});
                    out.add(new int[] {4 * hidden});
                }
            }
            return out;
        }

        int stateSize() {
            return layers * directions() * batch * hidden;
        }

        int size() {
            int n = steps * batch * in + 2 * stateSize();
            for (int[] s : weightShapes()) {
                n += s.length == 2 ? s[0] * s[1] : s[0];
            }
            return n;
        }

        /** The layer on the packed input: sequence, h0, c0, then the weights. */
        Tensor[] run(Tensor x) {
            int at = 0;
            Tensor seq = x.narrow(0, at, steps * batch * in);
            at += steps * batch * in;
            seq = batchFirst ? seq.reshape(batch, steps, in) : seq.reshape(steps, batch, in);
            Tensor h0 = x.narrow(0, at, stateSize()).reshape(layers * directions(), batch, hidden);
            at += stateSize();
            Tensor c0 = x.narrow(0, at, stateSize()).reshape(layers * directions(), batch, hidden);
            at += stateSize();
            List<Tensor> weights = new ArrayList<>();
            for (int[] s : weightShapes()) {
                int n = s.length == 2 ? s[0] * s[1] : s[0];
                weights.add(x.narrow(0, at, n).reshape(s));
                at += n;
            }
            RecurrentOptions options = new RecurrentOptions(layers, bidirectional, batchFirst, true, 0, false, null);
            RecurrentOutput out = Recurrent.recurrent(Recurrent.Kind.LSTM, seq, lengths, new RecurrentState(h0, c0),
                    weights, options);
            return new Tensor[] {out.output(), out.hN(), out.cN()};
        }

        Tensor input(DType d) {
            int state = steps * batch * in + 2 * stateSize();
            double[] v = Naive.sample(17L * steps + 5L * batch + hidden, size(), uniform(-1, 1));
            for (int i = state; i < v.length; i++) {
                v[i] *= weightScale;
            }
            return Naive.tensor(v, d, v.length);
        }
    }

    private static final Config[] CONFIGS = {
        new Config("T=5 B=3 in=4 H=3 time-major", 5, 3, 4, 3, 1, false, false, null, 0.6),
        new Config("T=4 B=2 in=3 H=5 batch-first bidirectional", 4, 2, 3, 5, 1, true, true, null, 0.6),
        new Config("T=6 B=4 in=2 H=3 lengths 6,2,5,1 bidirectional", 6, 4, 2, 3, 1, true, false,
                new int[] {6, 2, 5, 1}, 0.6),
        new Config("T=3 B=3 in=3 H=2 two layers batch-first lengths 3,1,2", 3, 3, 3, 2, 2, true, true,
                new int[] {3, 1, 2}, 0.6),
        new Config("T=6 B=7 in=5 H=13 (rows split across threads)", 6, 7, 5, 13, 1, false, true, null, 0.4),
        new Config("T=1 B=1 in=1 H=1", 1, 1, 1, 1, 1, false, false, null, 0.8),
        new Config("T=4 B=3 in=3 H=4 saturating weights", 4, 3, 3, 4, 1, false, false, null, 30),
    };

    private static Example example(Config c, DType d) {
        // the two paths sum h W_hh^T in different orders: an error of a few ulp of the pre-activations,
        // whose magnitude grows with the weights
        double magnitude = Math.max(1, c.weightScale());
        double tol = (d == DType.F32 ? 2e-6 : 1e-12) * magnitude;
        double gradTol = (d == DType.F32 ? 2e-5 : 1e-11) * magnitude;
        Function<Tensor, Tensor[]> f = c::run;
        return new Example("lstmSequence " + d + " " + c.name(), c.input(d), f,
                List.of(Output.close("output", tol), Output.close("h_n", tol), Output.close("c_n", tol)), gradTol,
                outs -> {
                    for (int i = 0; i < outs.length; i++) {
                        LstmCellCase.assertNoSubnormal(c.name() + " output " + i, outs[i].toDoubleArray(), d);
                    }
                });
    }

    @Override
    public List<Example> examples(DType d) {
        List<Example> out = new ArrayList<>();
        for (Config c : CONFIGS) {
            out.add(example(c, d));
        }
        return out;
    }

    @Override
    public List<Example> gradCheckExamples() {
        return List.of(example(CONFIGS[0], DType.F64), example(CONFIGS[2], DType.F64), example(CONFIGS[3], DType.F64));
    }
}
