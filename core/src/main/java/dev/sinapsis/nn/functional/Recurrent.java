package dev.sinapsis.nn.functional;

import dev.sinapsis.nn.RecurrentOutput;
import dev.sinapsis.nn.RecurrentState;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.FusedLstmCell;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Recurrent cells and layers as functions of their weights (PyTorch's {@code rnn_tanh_cell},
 * {@code lstm_cell}, {@code gru_cell} and {@code _VF.lstm}/{@code gru}/{@code rnn_*}), composed from
 * tensor ops so every backend runs them and autograd differentiates them (backpropagation through
 * time is the tape walked backwards). The modules {@link dev.sinapsis.nn.RNN}, {@link dev.sinapsis.nn.LSTM},
 * {@link dev.sinapsis.nn.GRU} and the cells hold the weights and call these.
 *
 * <p>Weights have PyTorch's shapes and gate order: {@code weight_ih} {@code [G*H, in]},
 * {@code weight_hh} {@code [G*H, H]}, biases {@code [G*H]}, with the gates stacked as
 * {@code i, f, g, o} (LSTM, {@code G = 4}), {@code r, z, n} (GRU, {@code G = 3}) or one block
 * (RNN).
 */
public final class Recurrent {
    private Recurrent() {
    }

    /** The recurrence a layer runs. */
    public enum Kind {
        /** {@code h' = tanh(W_ih x + b_ih + W_hh h + b_hh)}. */
        RNN_TANH(1, "RNN"),
        /** {@code h' = relu(W_ih x + b_ih + W_hh h + b_hh)}. */
        RNN_RELU(1, "RNN"),
        /** Long short-term memory, gates {@code i, f, g, o}. */
        LSTM(4, "LSTM"),
        /** Gated recurrent unit, gates {@code r, z, n}. */
        GRU(3, "GRU");

        private final int gates;
        private final String label;

        Kind(int gates, String label) {
            this.gates = gates;
            this.label = label;
        }

        /** Number of gate blocks stacked in the weights ({@code G}). */
        public int gates() {
            return gates;
        }

        /** The layer's name in messages: RNN, LSTM or GRU. */
        public String label() {
            return label;
        }
    }

    /**
     * The pointwise part of the LSTM cell. {@code gates} holds the pre-activations
     * {@code x W_ih^T + b_ih + h W_hh^T + b_hh}, {@code [..., 4H]} in PyTorch's order
     * {@code i, f, g, o}; {@code cPrev} is {@code [..., H]}. Returns
     * {@code c = sigmoid(f) * cPrev + sigmoid(i) * tanh(g)} and {@code h = sigmoid(o) * tanh(c)}.
     * When the backend offers {@link dev.sinapsis.backend.LstmCellOps} (and the operands are
     * {@code [B, 4H]} and {@code [B, H]} of one floating dtype) the fused kernels compute it in one
     * pass each way ({@link FusedLstmCell}); this composite is the reference the suite compares
     * them with.
     */
    public static RecurrentState lstmPointwise(Tensor gates, Tensor cPrev) {
        if (gates.rank() == 0 || gates.dim(-1) % 4 != 0) {
            throw new ShapeException("lstmPointwise: gates must be [..., 4*H], got " + gates.shape());
        }
        int[] expected = gates.shape().toArray();
        expected[expected.length - 1] /= 4;
        if (!Arrays.equals(cPrev.shape().toArray(), expected)) {
            throw new ShapeException("lstmPointwise: gates " + gates.shape() + " hold 4 blocks of "
                    + expected[expected.length - 1] + ", so cPrev must be " + dev.sinapsis.tensor.Shape.of(expected)
                    + ", got " + cPrev.shape());
        }
        if (FusedLstmCell.available(gates, cPrev)) {
            // the backend's one-pass kernels (LstmCellOps); the lines below are the reference
            Tensor[] hc = FusedLstmCell.apply(gates, cPrev);
            return new RecurrentState(hc[0], hc[1]);
        }
        List<Tensor> g = gateBlocks("lstmPointwise", gates, 4);
        Tensor c = g.get(1).sigmoid().mul(cPrev).add(g.get(0).sigmoid().mul(g.get(2).tanh()));
        Tensor hNew = g.get(3).sigmoid().mul(c.tanh());
        return new RecurrentState(hNew, c);
    }

    /**
     * The pointwise part of the GRU cell. {@code inputGates} is {@code x W_ih^T + b_ih} and
     * {@code hiddenGates} {@code h W_hh^T + b_hh}, both {@code [..., 3H]} in PyTorch's order
     * {@code r, z, n}; returns {@code h' = (1 - z) * n + z * hPrev} with
     * {@code r = sigmoid(i_r + h_r)}, {@code z = sigmoid(i_z + h_z)},
     * {@code n = tanh(i_n + r * h_n)}.
     */
    public static Tensor gruPointwise(Tensor inputGates, Tensor hiddenGates, Tensor hPrev) {
        List<Tensor> gi = gateBlocks("gruPointwise", inputGates, 3);
        List<Tensor> gh = gateBlocks("gruPointwise", hiddenGates, 3);
        if (!gi.get(0).shape().equals(gh.get(0).shape()) || !hPrev.shape().equals(gi.get(0).shape())) {
            throw new ShapeException("gruPointwise: input gates " + inputGates.shape() + ", hidden gates "
                    + hiddenGates.shape() + " and hPrev " + hPrev.shape()
                    + " do not fit; expected [..., 3H], [..., 3H] and [..., H]");
        }
        Tensor r = gi.get(0).add(gh.get(0)).sigmoid();
        Tensor z = gi.get(1).add(gh.get(1)).sigmoid();
        Tensor n = gi.get(2).add(r.mul(gh.get(2))).tanh();
        return n.add(z.mul(hPrev.sub(n)));
    }

    /** Splits {@code [..., G*H]} into {@code G} views {@code [..., H]} (one gradient buffer for all). */
    private static List<Tensor> gateBlocks(String op, Tensor gates, int count) {
        if (gates.rank() == 0 || gates.dim(-1) % count != 0) {
            throw new ShapeException(op + ": gates must be [..., " + count + "*H], got " + gates.shape());
        }
        int[] shape = gates.shape().toArray();
        int[] split = Arrays.copyOf(shape, shape.length + 1);
        split[shape.length - 1] = count;
        split[shape.length] = shape[shape.length - 1] / count;
        return gates.reshape(split).unbind(-2);
    }

    /**
     * One step of an Elman RNN cell: {@code act(x W_ih^T + b_ih + h W_hh^T + b_hh)} with
     * {@code act} tanh or, with {@code relu}, relu. {@code x} is {@code [B, in]} (or {@code [in]}),
     * {@code h} {@code [B, H]} or {@code null} for zeros; biases may be {@code null}.
     */
    public static Tensor rnnCell(Tensor x, Tensor h, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh, boolean relu) {
        Tensor hPrev = h != null ? h : zeroState(x, wHh);
        Tensor pre = Layers.linear(x, wIh, bIh).add(Layers.linear(hPrev, wHh, bHh));
        return relu ? pre.relu() : pre.tanh();
    }

    /**
     * One step of an LSTM cell: {@link #lstmPointwise} of {@code x W_ih^T + b_ih + h W_hh^T + b_hh}.
     * {@code state} ({@code h} and {@code c}, {@code [B, H]}) may be {@code null} for zeros.
     */
    public static RecurrentState lstmCell(Tensor x, RecurrentState state, Tensor wIh, Tensor wHh, Tensor bIh,
            Tensor bHh) {
        Tensor h = state != null && state.h() != null ? state.h() : zeroState(x, wHh);
        Tensor c = state != null && state.c() != null ? state.c() : zeroState(x, wHh);
        Tensor gates = Layers.linear(x, wIh, bIh).add(Layers.linear(h, wHh, bHh));
        return lstmPointwise(gates, c);
    }

    /**
     * One step of a GRU cell: {@link #gruPointwise} of {@code x W_ih^T + b_ih} and
     * {@code h W_hh^T + b_hh}; {@code h} may be {@code null} for zeros.
     */
    public static Tensor gruCell(Tensor x, Tensor h, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
        Tensor hPrev = h != null ? h : zeroState(x, wHh);
        return gruPointwise(Layers.linear(x, wIh, bIh), Layers.linear(hPrev, wHh, bHh), hPrev);
    }

    /** Zeros shaped like the hidden state for input {@code x}: {@code [B, H]}, or {@code [H]} unbatched. */
    private static Tensor zeroState(Tensor x, Tensor wHh) {
        int hidden = wHh.dim(-1);
        int[] shape = x.rank() >= 2 ? new int[] {x.dim(0), hidden} : new int[] {hidden};
        return Tensor.zeros(dev.sinapsis.tensor.Shape.of(shape), x.dtype()).to(x.backend());
    }

    /**
     * A multi-layer, optionally bidirectional recurrent layer over a whole (possibly padded)
     * batch of sequences: PyTorch's {@code nn.RNN}/{@code LSTM}/{@code GRU} forward, and with
     * {@code lengths} its {@code pack_padded_sequence} → layer → {@code pad_packed_sequence}.
     *
     * @param input   {@code [T, B, in]}, {@code [B, T, in]} with {@code batchFirst}, or
     *                {@code [T, in]} (one unbatched sequence)
     * @param lengths each sequence's length in {@code [1, T]} (any order), or {@code null} when every
     *                sequence has {@code T} steps; padded steps neither update the state nor
     *                produce output (zeros)
     * @param initial the initial state ({@code [L*D, B, H]}; {@code c} for LSTM only), or
     *                {@code null} for zeros
     * @param weights per layer, per direction (forward, then reverse): {@code weight_ih},
     *                {@code weight_hh} and, with {@code options.bias()}, {@code bias_ih},
     *                {@code bias_hh} (PyTorch's {@code _flat_weights} order)
     */
    public static RecurrentOutput recurrent(Kind kind, Tensor input, int[] lengths, RecurrentState initial,
            List<Tensor> weights, RecurrentOptions options) {
        return new RecurrentLoop(kind, options, weights).run(input, lengths, initial);
    }

    /**
     * The lengths of a batch of left-aligned sequences from its padding mask: {@code mask} is
     * {@code [B, T]} BOOL, true at real steps, each row a run of trues followed by falses.
     *
     * @throws IllegalArgumentException when a row has a gap (a true after a false) or no true at all
     */
    public static int[] lengthsFromMask(Tensor mask) {
        if (mask.dtype() != DType.BOOL || mask.rank() != 2) {
            throw new IllegalArgumentException("lengthsFromMask: the mask must be a [batch, steps] BOOL tensor, got "
                    + mask.dtype() + " " + mask.shape());
        }
        int b = mask.dim(0);
        int t = mask.dim(1);
        boolean[] m = mask.toBooleanArray();
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            int len = 0;
            while (len < t && m[i * t + len]) {
                len++;
            }
            for (int j = len; j < t; j++) {
                if (m[i * t + j]) {
                    throw new IllegalArgumentException("lengthsFromMask: row " + i + " has a padded step at " + len
                            + " followed by a real step at " + j + "; sequences must be left-aligned (padding at the end)");
                }
            }
            if (len == 0) {
                throw new IllegalArgumentException("lengthsFromMask: row " + i
                        + " has no real step; every sequence needs at least one");
            }
            lengths[i] = len;
        }
        return lengths;
    }
}
