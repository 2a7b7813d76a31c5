package dev.sinapsis.nn;

import static dev.sinapsis.nn.NnGolden.gradCheck;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.conformance.ScopedBackendTestBase;
import dev.sinapsis.nn.functional.Recurrent;
import dev.sinapsis.nn.functional.RecurrentOptions;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Recurrent layers beyond the PyTorch goldens: F64 gradient checks of the cells, the pointwise
 * functions and small multi-layer bidirectional variable-length layers; variable-length semantics
 * checked against each sequence run alone; batch-first layout; dropout between layers;
 * initialisation; errors; and {@link Tensor#unbind}, on which the layers' per-step loop rests.
 * Truncated BPTT and memory are in {@link RecurrentTrainingContract}.
 */
public abstract class RecurrentContract extends ScopedBackendTestBase {

    private static final Recurrent.Kind[] KINDS = {Recurrent.Kind.RNN_TANH, Recurrent.Kind.LSTM, Recurrent.Kind.GRU};

    static Tensor randn(Generator g, DType d, int... shape) {
        return Tensor.normal(g, Shape.of(shape), d, 0, 1);
    }

    static RNNBase layer(Recurrent.Kind kind, int in, int hidden, int layers, boolean bi, boolean batchFirst,
            DType d, long seed) {
        Generator gen = new Generator(seed);
        return switch (kind) {
            case LSTM -> LSTM.builder(in, hidden).numLayers(layers).bidirectional(bi).batchFirst(batchFirst)
                    .generator(gen).dtype(d).build();
            case GRU -> GRU.builder(in, hidden).numLayers(layers).bidirectional(bi).batchFirst(batchFirst)
                    .generator(gen).dtype(d).build();
            default -> RNN.builder(in, hidden).numLayers(layers).bidirectional(bi).batchFirst(batchFirst)
                    .nonlinearity(kind == Recurrent.Kind.RNN_RELU ? RNN.Nonlinearity.RELU : RNN.Nonlinearity.TANH)
                    .generator(gen).dtype(d).build();
        };
    }

    // ------------------------------------------------------------------ gradient checks (F64)

    @Test
    void pointwiseFunctionsPassGradCheck() {
        Generator g = new Generator(31);
        gradCheck("lstmPointwise", in -> {
            RecurrentState s = Recurrent.lstmPointwise(in[0], in[1]);
            return Tensor.concat(-1, s.h(), s.c());
        }, randn(g, DType.F64, 3, 8).mul(2), randn(g, DType.F64, 3, 2));
        gradCheck("gruPointwise", in -> Recurrent.gruPointwise(in[0], in[1], in[2]),
                randn(g, DType.F64, 3, 6).mul(2), randn(g, DType.F64, 3, 6), randn(g, DType.F64, 3, 2));
        // non-contiguous gates (a transposed view) take the same path
        gradCheck("lstmPointwise on a transposed view", in -> Recurrent.lstmPointwise(in[0].t(), in[1]).h(),
                randn(g, DType.F64, 8, 3), randn(g, DType.F64, 3, 2));
    }

    @Test
    void cellsPassGradCheck() {
        Generator g = new Generator(32);
        int in = 3;
        int h = 2;
        for (boolean relu : new boolean[] {false, true}) {
            gradCheck("rnnCell relu=" + relu, t -> Recurrent.rnnCell(t[0], t[1], t[2], t[3], t[4], t[5], relu),
                    randn(g, DType.F64, 2, in), randn(g, DType.F64, 2, h), randn(g, DType.F64, h, in),
                    randn(g, DType.F64, h, h), randn(g, DType.F64, h), randn(g, DType.F64, h));
        }
        gradCheck("lstmCell", t -> {
            RecurrentState s = Recurrent.lstmCell(t[0], new RecurrentState(t[1], t[2]), t[3], t[4], t[5], t[6]);
            return Tensor.concat(-1, s.h(), s.c());
        }, randn(g, DType.F64, 2, in), randn(g, DType.F64, 2, h), randn(g, DType.F64, 2, h),
                randn(g, DType.F64, 4 * h, in), randn(g, DType.F64, 4 * h, h), randn(g, DType.F64, 4 * h),
                randn(g, DType.F64, 4 * h));
        gradCheck("gruCell", t -> Recurrent.gruCell(t[0], t[1], t[2], t[3], t[4], t[5]),
                randn(g, DType.F64, 2, in), randn(g, DType.F64, 2, h), randn(g, DType.F64, 3 * h, in),
                randn(g, DType.F64, 3 * h, h), randn(g, DType.F64, 3 * h), randn(g, DType.F64, 3 * h));
        gradCheck("gruCell without bias", t -> Recurrent.gruCell(t[0], t[1], t[2], t[3], null, null),
                randn(g, DType.F64, 2, in), randn(g, DType.F64, 2, h), randn(g, DType.F64, 3 * h, in),
                randn(g, DType.F64, 3 * h, h));
    }

    /**
     * A 2-layer bidirectional layer over a padded batch (lengths 3 and 1 of 3 steps) from given
     * initial states: the input, the initial states, {@code weight_hh_l0} and two biases of layer 1
     * (forward and reverse) are checked; the other weights stay fixed to keep the check small (the
     * PyTorch goldens compare the other weights' gradients).
     */
    @Test
    void multiLayerBidirectionalVariableLengthLayersPassGradCheck() {
        for (Recurrent.Kind kind : KINDS) {
            RNNBase layer = layer(kind, 2, 2, 2, true, false, DType.F64, 40 + kind.ordinal());
            List<Tensor> weights = layer.flatWeights();
            int[] checked = {1, 8 + 3, 12 + 2}; // weight_hh_l0, bias_hh_l1, bias_ih_l1_reverse
            Generator g = new Generator(50);
            List<Tensor> inputs = new ArrayList<>(List.of(randn(g, DType.F64, 3, 2, 2), randn(g, DType.F64, 4, 2, 2)));
            if (kind == Recurrent.Kind.LSTM) {
                inputs.add(randn(g, DType.F64, 4, 2, 2));
            }
            int states = inputs.size();
            for (int i : checked) {
                inputs.add(weights.get(i).detach());
            }
            boolean lstm = kind == Recurrent.Kind.LSTM;
            Function<Tensor[], Tensor> fn = t -> {
                List<Tensor> w = new ArrayList<>(weights);
                for (int k = 0; k < checked.length; k++) {
                    w.set(checked[k], t[states + k]);
                }
                RecurrentOutput out = Recurrent.recurrent(kind, t[0], new int[] {3, 1},
                        new RecurrentState(t[1], lstm ? t[2] : null), w, layer.options());
                List<Tensor> parts = new ArrayList<>(List.of(out.output().reshape(-1), out.hN().reshape(-1)));
                if (lstm) {
                    parts.add(out.cN().reshape(-1));
                }
                return Tensor.concat(0, parts);
            };
            gradCheck(kind + " 2-layer bidirectional, lengths {3, 1}", fn, inputs.toArray(new Tensor[0]));
            layer.close();
        }
    }

    // ------------------------------------------------------------------ variable lengths

    /**
     * The definition of packed sequences, without PyTorch: each sequence of a padded batch gives
     * exactly what it gives alone at its own length; padded steps output zeros, get zero gradient,
     * and their values do not matter.
     */
    @Test
    void eachSequenceOfAPaddedBatchBehavesAsIfAlone() {
        int[] lengths = {4, 1, 3};
        for (Recurrent.Kind kind : KINDS) {
            RNNBase layer = layer(kind, 3, 4, 2, true, false, DType.F64, 60 + kind.ordinal());
            Generator g = new Generator(61);
            Tensor x = randn(g, DType.F64, 5, 3, 3).requiresGrad(true);
            RecurrentOutput out = layer.forward(x, lengths);
            out.output().sum().add(out.hN().sum()).backward();
            for (int b = 0; b < 3; b++) {
                int len = lengths[b];
                Tensor xb = x.detach().slice(0, 0, len).slice(1, b, b + 1);
                RecurrentOutput alone = layer.forward(xb, null);
                String what = kind + " sequence " + b;
                assertArrayEquals(alone.output().toDoubleArray(),
                        out.output().slice(0, 0, len).slice(1, b, b + 1).toDoubleArray(), 1e-12, what + " output");
                assertArrayEquals(alone.hN().toDoubleArray(), out.hN().slice(1, b, b + 1).toDoubleArray(), 1e-12,
                        what + " h_n at its own last step (reverse: at step 0)");
                if (len < 5) {
                    assertEquals(0, out.output().slice(0, len, 5).slice(1, b, b + 1).abs().sum().item(),
                            what + ": padded steps output zeros");
                    assertEquals(0, x.grad().slice(0, len, 5).slice(1, b, b + 1).abs().sum().item(),
                            what + ": padded inputs get no gradient");
                }
            }
            // other values at the padded steps change nothing
            boolean[] pad = new boolean[5 * 3 * 3];
            for (int t = 0; t < 5; t++) {
                for (int b = 0; b < 3; b++) {
                    for (int f = 0; f < 3; f++) {
                        pad[(t * 3 + b) * 3 + f] = t >= lengths[b];
                    }
                }
            }
            Tensor noisy = x.detach().maskedFill(Tensor.of(pad, 5, 3, 3).to(backend()), 1e3);
            RecurrentOutput again = layer.forward(noisy, lengths);
            assertArrayEquals(out.output().toDoubleArray(), again.output().toDoubleArray(), 0.0, kind + " output");
            assertArrayEquals(out.hN().toDoubleArray(), again.hN().toDoubleArray(), 0.0, kind + " h_n");
            layer.close();
        }
    }

    @Test
    void fullLengthsEqualNoLengthsAndBatchFirstIsATranspose() {
        for (Recurrent.Kind kind : KINDS) {
            RNNBase tm = layer(kind, 3, 4, 2, true, false, DType.F64, 70);
            RNNBase bf = layer(kind, 3, 4, 2, true, true, DType.F64, 70);
            Tensor x = randn(new Generator(71), DType.F64, 4, 2, 3);
            RecurrentOutput plain = tm.forward(x, null);
            assertArrayEquals(plain.output().toDoubleArray(), tm.forward(x).toDoubleArray(), 0.0);
            assertArrayEquals(plain.output().toDoubleArray(), tm.forward(x, new int[] {4, 4}).output().toDoubleArray(), 0.0);
            RecurrentOutput batchFirst = bf.forward(x.transpose(0, 1).contiguous(), new int[] {2, 4});
            RecurrentOutput timeMajor = tm.forward(x, new int[] {2, 4});
            assertArrayEquals(new int[] {2, 4, 8}, batchFirst.output().shape().toArray(), "[B, T, D*H]");
            assertArrayEquals(new int[] {4, 2, 4}, batchFirst.hN().shape().toArray(), "h_n stays [L*D, B, H]");
            assertArrayEquals(timeMajor.output().transpose(0, 1).toDoubleArray(), batchFirst.output().toDoubleArray(),
                    1e-12, kind + " batch first");
            assertArrayEquals(timeMajor.hN().toDoubleArray(), batchFirst.hN().toDoubleArray(), 1e-12);
            tm.close();
            bf.close();
        }
    }

    @Test
    void lengthsFromAMask() {
        Tensor mask = Tensor.of(new boolean[] {true, true, false, true, true, true, true, false, false}, 3, 3);
        assertArrayEquals(new int[] {2, 3, 1}, Recurrent.lengthsFromMask(mask));
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class, () -> Recurrent.lengthsFromMask(
                Tensor.of(new boolean[] {true, false, true}, 1, 3)));
        assertTrue(gap.getMessage().contains("left-aligned"), gap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Recurrent.lengthsFromMask(Tensor.of(new boolean[2], 1, 2)));
        assertThrows(IllegalArgumentException.class, () -> Recurrent.lengthsFromMask(Tensor.zeros(2, 2)));
    }

    // ------------------------------------------------------------------ options, init, errors

    @Test
    void dropoutActsBetweenLayersOnlyInTrainingAndIsSeeded() {
        Tensor x = randn(new Generator(80), DType.F32, 6, 4, 5);
        LSTM one = LSTM.builder(5, 8).dropout(0.5).generator(new Generator(1)).build();
        Tensor evalOne = one.forward(x);
        one.eval();
        assertArrayEquals(evalOne.toFloatArray(), one.forward(x).toFloatArray(), "no dropout after the last layer");
        one.close();
        for (Recurrent.Kind kind : KINDS) {
            RNNBase two = layer(kind, 5, 8, 2, false, false, DType.F32, 81);
            RNNBase twoDrop = switch (kind) {
                case LSTM -> LSTM.builder(5, 8).numLayers(2).dropout(0.5).generator(new Generator(81)).build();
                case GRU -> GRU.builder(5, 8).numLayers(2).dropout(0.5).generator(new Generator(81)).build();
                default -> RNN.builder(5, 8).numLayers(2).dropout(0.5).generator(new Generator(81)).build();
            };
            twoDrop.eval();
            float[] eval = twoDrop.forward(x).toFloatArray();
            assertArrayEquals(two.forward(x).toFloatArray(), eval, kind + ": eval mode equals no dropout");
            twoDrop.train();
            float[] train1 = twoDrop.forward(x).toFloatArray();
            assertTrue(!java.util.Arrays.equals(eval, train1), kind + ": training mode drops between the layers");
            RNNBase same = switch (kind) {
                case LSTM -> LSTM.builder(5, 8).numLayers(2).dropout(0.5).generator(new Generator(81)).build();
                case GRU -> GRU.builder(5, 8).numLayers(2).dropout(0.5).generator(new Generator(81)).build();
                default -> RNN.builder(5, 8).numLayers(2).dropout(0.5).generator(new Generator(81)).build();
            };
            assertArrayEquals(train1, same.forward(x).toFloatArray(), kind + ": the same seed draws the same masks");
            two.close();
            twoDrop.close();
            same.close();
        }
    }

    @Test
    void initialisesLikePyTorch() {
        LSTM lstm = LSTM.builder(20, 100).numLayers(2).bidirectional(true).generator(new Generator(5)).build();
        double bound = 1 / Math.sqrt(100);
        assertEquals(2 * (400 * 20 + 400 * 100 + 800) + 2 * (400 * 200 + 400 * 100 + 800), lstm.parameterCount());
        for (Parameter p : lstm.namedParameters()) {
            assertTrue(p.value().abs().max().item() <= bound, p.name() + " within ±1/sqrt(H)");
            assertTrue(p.value().requiresGrad() && p.value().isLeaf(), p.name());
        }
        Tensor w = lstm.stateDict().get("weight_ih_l1_reverse");
        assertEquals(0, w.mean().item(), 0.02 * bound);
        assertEquals(bound / Math.sqrt(3), w.std().item(), 0.02 * bound);
        LSTM again = LSTM.builder(20, 100).numLayers(2).bidirectional(true).generator(new Generator(5)).build();
        assertArrayEquals(w.toFloatArray(), again.stateDict().get("weight_ih_l1_reverse").toFloatArray(), "seeded");
        assertNotEquals(lstm.stateDict().get("weight_hh_l0").sum().item(),
                lstm.stateDict().get("weight_hh_l0_reverse").sum().item(), "each tensor draws its own numbers");
        assertEquals("LSTM(20, 100, numLayers=2, bidirectional=true)", lstm.toString());
        lstm.close();
        again.close();
    }

    @Test
    void badInputsGiveClearErrors() {
        LSTM lstm = LSTM.builder(3, 4).numLayers(2).build();
        Tensor x = Tensor.zeros(5, 2, 3);
        assertMessage(IllegalArgumentException.class, () -> lstm.forward(x, new int[] {5}), "1 lengths given for a batch of 2");
        assertMessage(IllegalArgumentException.class, () -> lstm.forward(x, new int[] {5, 0}), "lengths[1] = 0 is outside [1, 5]");
        assertMessage(IllegalArgumentException.class, () -> lstm.forward(x, new int[] {6, 1}), "lengths[0] = 6 is outside [1, 5]");
        assertMessage(ShapeException.class, () -> lstm.forward(Tensor.zeros(5, 2, 4)), "expects inputSize 3");
        assertMessage(ShapeException.class, () -> lstm.forward(Tensor.zeros(5, 2, 3, 1)), "input must be [steps, batch, 3]");
        assertMessage(IllegalArgumentException.class, () -> lstm.forward(x, null, RecurrentState.of(Tensor.zeros(2, 2, 4))),
                "needs both h and c");
        assertMessage(ShapeException.class, () -> lstm.forward(x, null,
                new RecurrentState(Tensor.zeros(1, 2, 4), Tensor.zeros(1, 2, 4))), "initial h must be [2,2,4]");
        assertMessage(IllegalArgumentException.class, () -> lstm.forward(x.to(DType.F64)), "input is F64 but the weights are F32");
        assertMessage(IllegalArgumentException.class, () -> lstm.forward(Tensor.zeros(Shape.of(5, 2, 3), DType.I64)),
                "token ids go through an Embedding first");
        GRU gru = new GRU(3, 4);
        assertMessage(IllegalArgumentException.class, () -> gru.forward(x, null,
                new RecurrentState(Tensor.zeros(1, 2, 4), Tensor.zeros(1, 2, 4))), "GRU: has no cell state");
        assertMessage(IllegalArgumentException.class, () -> LSTM.builder(3, 4).dropout(1.5), "dropout must be in [0, 1]");
        assertMessage(IllegalArgumentException.class, () -> LSTM.builder(3, 4).numLayers(0), "numLayers must be at least 1");
        assertMessage(IllegalArgumentException.class, () -> new RNN(0, 4), "must be positive");
        assertMessage(ShapeException.class, () -> Recurrent.lstmPointwise(Tensor.zeros(2, 8), Tensor.zeros(2, 3)),
                "cPrev must be [2,2]");
        lstm.close();
        gru.close();
    }

    private static void assertMessage(Class<? extends Exception> type, org.junit.jupiter.api.function.Executable call,
            String part) {
        Exception e = assertThrows(type, call);
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part + "'");
    }

    // ------------------------------------------------------------------ unbind

    @Test
    void unbindGivesViewsAndOneGradientBuffer() {
        Tensor x = randn(new Generator(90), DType.F64, 4, 3, 2).requiresGrad(true);
        List<Tensor> parts = x.unbind(1);
        assertEquals(3, parts.size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(x.select(1, i).toDoubleArray(), parts.get(i).toDoubleArray(), 0.0);
        }
        // slice 0 used twice, slice 2 not at all: its gradient rows stay zero
        Tensor w = randn(new Generator(91), DType.F64, 4, 2);
        Tensor loss = parts.get(0).mul(w).sum().add(parts.get(0).sum()).add(parts.get(1).mul(3).sum());
        loss.backward(null, true);
        Tensor expected = Tensor.stack(1, w.add(1), Tensor.full(Shape.of(4, 2), DType.F64, 3),
                Tensor.zeros(Shape.of(4, 2), DType.F64));
        assertArrayEquals(expected.toDoubleArray(), x.grad().toDoubleArray(), 1e-12);
        loss.backward();
        assertArrayEquals(expected.mul(2).toDoubleArray(), x.grad().toDoubleArray(), 1e-12,
                "a retained graph runs again with a fresh buffer");
        gradCheck("unbind", t -> {
            List<Tensor> p = t[0].unbind(0);
            return p.get(2).mul(p.get(0)).add(p.get(1).tanh());
        }, randn(new Generator(92), DType.F64, 3, 2, 2));
        Tensor plain = Tensor.ones(2, 3);
        assertTrue(plain.unbind(0).get(1).isLeaf(), "nothing is recorded without grad");
    }
}
