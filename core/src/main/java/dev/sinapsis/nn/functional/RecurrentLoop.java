package dev.sinapsis.nn.functional;

import dev.sinapsis.nn.RecurrentOutput;
import dev.sinapsis.nn.RecurrentState;
import dev.sinapsis.tensor.FusedLstmSequence;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs {@link Recurrent#recurrent}: validation, then layer by layer and direction by direction,
 * the input projection of all steps in one matmul and only {@code h W_hh^T} and the pointwise
 * cell per step, so the tape holds a handful of small entries per step.
 *
 * <p>Variable lengths are handled with per-step masks instead of PyTorch's packing: at a step
 * past a sequence's end the state is carried unchanged and the output is zero, so {@code h_n} is
 * the state at each sequence's own last step and the reverse direction, walking from {@code T-1}
 * down, keeps its initial state until it reaches each sequence's last real step. The masks are
 * applied only from the shortest length on; a batch of full-length sequences runs without them.
 */
final class RecurrentLoop {
    private final Recurrent.Kind kind;
    private final RecurrentOptions options;
    private final List<Tensor> weights;
    private final int perDirection;
    private final int hidden;
    private final int inputSize;

    RecurrentLoop(Recurrent.Kind kind, RecurrentOptions options, List<Tensor> weights) {
        this.kind = kind;
        this.options = options;
        this.weights = weights;
        this.perDirection = options.bias() ? 4 : 2;
        int expected = options.numLayers() * options.directions() * perDirection;
        if (weights.size() != expected) {
            throw new IllegalArgumentException(kind.label() + ": expected " + expected + " weight tensors ("
                    + options.numLayers() + " layers x " + options.directions() + " directions x " + perDirection
                    + "), got " + weights.size());
        }
        Tensor whh = weights.get(1);
        if (whh.rank() != 2 || whh.dim(0) != kind.gates() * whh.dim(1)) {
            throw new ShapeException(kind.label() + ": weight_hh_l0 must be [" + kind.gates() + "*H, H], got "
                    + whh.shape());
        }
        this.hidden = whh.dim(1);
        this.inputSize = weights.get(0).rank() == 2 ? weights.get(0).dim(1) : -1;
        checkWeights();
    }

    private void checkWeights() {
        int gh = kind.gates() * hidden;
        for (int l = 0; l < options.numLayers(); l++) {
            for (int d = 0; d < options.directions(); d++) {
                String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
                int base = (l * options.directions() + d) * perDirection;
                int in = l == 0 ? inputSize : hidden * options.directions();
                expect("weight_ih" + suffix, weights.get(base), gh, in);
                expect("weight_hh" + suffix, weights.get(base + 1), gh, hidden);
                if (options.bias()) {
                    expect("bias_ih" + suffix, weights.get(base + 2), gh);
                    expect("bias_hh" + suffix, weights.get(base + 3), gh);
                }
            }
        }
    }

    private void expect(String name, Tensor w, int... shape) {
        if (!Arrays.equals(w.shape().toArray(), shape)) {
            throw new ShapeException(kind.label() + ": " + name + " must be " + Shape.of(shape) + ", got "
                    + w.shape());
        }
    }

    RecurrentOutput run(Tensor input, int[] lengths, RecurrentState initial) {
        String name = kind.label();
        if (input.rank() != 2 && input.rank() != 3) {
            throw new ShapeException(name + ": input must be " + (options.batchFirst() ? "[batch, steps, " : "[steps, batch, ")
                    + inputSize + "] (or [steps, " + inputSize + "] for one sequence), got " + input.shape());
        }
        if (!input.dtype().isFloating()) {
            throw new IllegalArgumentException(name + ": the input is " + input.dtype()
                    + "; a recurrent layer takes feature vectors (token ids go through an Embedding first)");
        }
        if (input.dtype() != weights.get(0).dtype()) {
            throw new IllegalArgumentException(name + ": the input is " + input.dtype() + " but the weights are "
                    + weights.get(0).dtype() + "; convert one with .to(DType." + weights.get(0).dtype() + ")");
        }
        boolean unbatched = input.rank() == 2;
        int batchAxis = options.batchFirst() ? 0 : 1;
        int timeAxis = 1 - batchAxis;
        Tensor x = unbatched ? input.unsqueeze(batchAxis) : input;
        int steps = x.dim(timeAxis);
        int batch = x.dim(batchAxis);
        if (x.dim(2) != inputSize) {
            throw new ShapeException(name + ": input " + input.shape() + " has " + x.dim(2)
                    + " features per step, but the layer expects inputSize " + inputSize);
        }
        if (steps == 0 || batch == 0) {
            throw new ShapeException(name + ": input " + input.shape() + " has no steps or no sequences");
        }
        int[] lens = checkLengths(lengths, steps, batch);
        Tensor[] h0 = initialStates(initial == null ? null : initial.h(), "h", unbatched, batch, x);
        Tensor[] c0 = null;
        if (kind == Recurrent.Kind.LSTM) {
            if (initial != null && (initial.h() == null) != (initial.c() == null)) {
                throw new IllegalArgumentException("LSTM: an initial state needs both h and c (or pass null for zeros)");
            }
            c0 = initialStates(initial == null ? null : initial.c(), "c", unbatched, batch, x);
        } else if (initial != null && initial.c() != null) {
            throw new IllegalArgumentException(name + ": has no cell state; pass RecurrentState.of(h)");
        }
        Masks masks = lens == null ? null : new Masks(lens, steps, batch, x);

        Tensor layerInput = x;
        List<Tensor> hFinal = new ArrayList<>();
        List<Tensor> cFinal = new ArrayList<>();
        for (int l = 0; l < options.numLayers(); l++) {
            Tensor[] outs = new Tensor[options.directions()];
            for (int d = 0; d < options.directions(); d++) {
                int index = l * options.directions() + d;
                Tensor[] state = direction(layerInput, index, d == 1, h0[index], c0 == null ? null : c0[index], masks);
                outs[d] = state[0];
                hFinal.add(state[1]);
                if (c0 != null) {
                    cFinal.add(state[2]);
                }
            }
            Tensor out = outs.length == 1 ? outs[0] : Tensor.concat(-1, outs);
            if (l < options.numLayers() - 1 && options.training() && options.dropout() > 0) {
                out = Layers.dropout(out, options.dropout(), true, options.generator());
            }
            layerInput = out;
        }
        Tensor hN = Tensor.stack(0, hFinal);
        Tensor cN = c0 == null ? null : Tensor.stack(0, cFinal);
        if (unbatched) {
            return new RecurrentOutput(layerInput.squeeze(batchAxis), hN.squeeze(1), cN == null ? null : cN.squeeze(1));
        }
        return new RecurrentOutput(layerInput, hN, cN);
    }

    /** Validated lengths, or {@code null} when every sequence is full length. */
    private int[] checkLengths(int[] lengths, int steps, int batch) {
        if (lengths == null) {
            return null;
        }
        if (lengths.length != batch) {
            throw new IllegalArgumentException(kind.label() + ": " + lengths.length + " lengths given for a batch of "
                    + batch + " sequences");
        }
        boolean full = true;
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] < 1 || lengths[i] > steps) {
                throw new IllegalArgumentException(kind.label() + ": lengths[" + i + "] = " + lengths[i]
                        + " is outside [1, " + steps + "] (the input has " + steps
                        + " steps; every sequence needs at least one)");
            }
            full &= lengths[i] == steps;
        }
        return full ? null : lengths.clone();
    }

    /** The initial state of every layer and direction, {@code [B, H]} each (zeros when not given). */
    private Tensor[] initialStates(Tensor given, String which, boolean unbatched, int batch, Tensor x) {
        int count = options.numLayers() * options.directions();
        if (given == null) {
            Tensor zeros = Tensor.zeros(Shape.of(batch, hidden), x.dtype()).to(x.backend());
            Tensor[] out = new Tensor[count];
            Arrays.fill(out, zeros);
            return out;
        }
        int[] expected = unbatched ? new int[] {count, hidden} : new int[] {count, batch, hidden};
        if (!Arrays.equals(given.shape().toArray(), expected)) {
            throw new ShapeException(kind.label() + ": initial " + which + " must be " + Shape.of(expected)
                    + " (layers*directions, " + (unbatched ? "" : "batch, ") + "hidden), got " + given.shape());
        }
        if (given.dtype() != x.dtype()) {
            throw new IllegalArgumentException(kind.label() + ": initial " + which + " is " + given.dtype()
                    + " but the input is " + x.dtype());
        }
        Tensor g = unbatched ? given.unsqueeze(1) : given;
        return g.unbind(0).toArray(new Tensor[0]);
    }

    /** One direction of one layer: returns {output sequence, final h, final c (LSTM)}. */
    private Tensor[] direction(Tensor seq, int index, boolean reverse, Tensor h0, Tensor c0, Masks masks) {
        int base = index * perDirection;
        Tensor wIh = weights.get(base);
        Tensor wHh = weights.get(base + 1);
        Tensor bIh = options.bias() ? weights.get(base + 2) : null;
        Tensor bHh = options.bias() ? weights.get(base + 3) : null;
        int timeAxis = options.batchFirst() ? 1 : 0;
        int steps = seq.dim(timeAxis);

        // every step's input projection in one matmul; both biases folded in, except GRU's b_hh
        // (its n block is scaled by r, so it stays with h W_hh^T). W_hh's gradient is computed once
        // for all steps (SequenceGradients); each step uses W_hh detached.
        Tensor[] starts = new Tensor[steps];
        List<Tensor> hiddenBias = null;
        Tensor rows;
        if (kind == Recurrent.Kind.GRU) {
            rows = SequenceGradients.projectedGates(seq, wIh, bIh, null, starts, timeAxis);
            hiddenBias = SequenceGradients.hiddenBias(bHh, wHh, rows.shape().toArray(), starts, timeAxis)
                    .unbind(timeAxis);
        } else {
            rows = SequenceGradients.projectedGates(seq, wIh, bIh == null ? null : bIh.add(bHh), wHh, starts,
                    timeAxis);
        }
        if (kind == Recurrent.Kind.LSTM) {
            Tensor gates = timeAxis == 0 ? rows : rows.transpose(0, 1);
            if (FusedLstmSequence.available(gates, wHh, h0, c0)) {
                return fusedLstm(gates, wHh, h0, c0, masks, reverse, starts, timeAxis);
            }
        }
        List<Tensor> inputs = rows.unbind(timeAxis);
        Tensor wHhT = wHh.detach().t();

        Tensor h = h0;
        Tensor c = c0;
        Tensor[] outs = new Tensor[steps];
        for (int s = 0; s < steps; s++) {
            int t = reverse ? steps - 1 - s : s;
            starts[t] = h;
            Tensor hh = h.matmul(wHhT);
            Tensor hNew;
            Tensor cNew = null;
            switch (kind) {
                case LSTM -> {
                    RecurrentState st = Recurrent.lstmPointwise(inputs.get(t).add(hh), c);
                    hNew = st.h();
                    cNew = st.c();
                }
                case GRU -> hNew = Recurrent.gruPointwise(inputs.get(t), hh.add(hiddenBias.get(t)), h);
                case RNN_TANH -> hNew = inputs.get(t).add(hh).tanh();
                case RNN_RELU -> hNew = inputs.get(t).add(hh).relu();
                default -> throw new IllegalStateException(kind.toString());
            }
            outs[t] = hNew;
            if (masks != null && t >= masks.shortest) {
                Tensor m = masks.step.get(t);
                h = Tensor.where(m, hNew, h);
                c = cNew == null ? null : Tensor.where(m, cNew, c);
            } else {
                h = hNew;
                c = cNew;
            }
        }
        Tensor output = Tensor.stack(timeAxis, Arrays.asList(outs));
        if (masks != null) {
            // zeros at the padded steps, in one op for the whole sequence
            output = Tensor.where(timeAxis == 0 ? masks.all : masks.all.transpose(0, 1), output, 0);
        }
        return new Tensor[] {output, h, c};
    }

    /**
     * One LSTM direction through the backend's fused recurrence ({@link FusedLstmSequence}): the same
     * results as the step loop, with {@code starts} (the states each step began from, for the weight
     * gradient) taken as views of the states it returns.
     */
    private static Tensor[] fusedLstm(Tensor gates, Tensor wHh, Tensor h0, Tensor c0, Masks masks, boolean reverse,
            Tensor[] starts, int timeAxis) {
        int steps = gates.dim(0);
        Tensor[] hc = FusedLstmSequence.apply(gates, wHh, h0, c0, masks == null ? null : masks.lengths, reverse);
        Tensor values = hc[0].detach();
        for (int t = 0; t < steps; t++) {
            int before = reverse ? t + 1 : t - 1;
            starts[t] = before < 0 || before >= steps ? h0.detach() : values.select(0, before);
        }
        int last = reverse ? 0 : steps - 1;
        Tensor output = timeAxis == 0 ? hc[0] : hc[0].transpose(0, 1);
        if (masks != null) {
            output = Tensor.where(timeAxis == 0 ? masks.all : masks.all.transpose(0, 1), output, 0);
        }
        return new Tensor[] {output, hc[0].select(0, last), hc[1].select(0, last)};
    }

    /** BOOL masks, true where a step is within its sequence: {@code [T, B, 1]} and per step {@code [B, 1]}. */
    private static final class Masks {
        final Tensor all;
        final List<Tensor> step;
        final int shortest;
        final int[] lengths;

        Masks(int[] lengths, int steps, int batch, Tensor like) {
            this.lengths = lengths;
            boolean[] m = new boolean[steps * batch];
            int min = steps;
            for (int b = 0; b < batch; b++) {
                min = Math.min(min, lengths[b]);
                for (int t = 0; t < lengths[b]; t++) {
                    m[t * batch + b] = true;
                }
            }
            this.shortest = min;
            this.all = Tensor.of(m, steps, batch, 1).to(like.backend());
            this.step = all.unbind(0);
        }
    }
}
