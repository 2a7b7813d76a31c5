package dev.sinapsis.nn.functional;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.Arrays;

/**
 * Tape entries that give a recurrent layer its weight gradients for the whole sequence in single
 * matmuls, instead of one small matmul (and one addition) per step.
 *
 * <p>Each step multiplies the previous state by a detached {@code W_hh}, so its tape entry only
 * passes the gradient on to the state. The dependence on {@code W_hh} is recorded once, on a
 * tensor with a row per step that every step adds to its gate pre-activations: its gradient at
 * row {@code t} is the step's gradient {@code dG_t} of {@code h_{t-1} W_hh^T} (collected for all
 * steps in one buffer by {@link Tensor#unbind}), so {@code dW_hh = sum_t dG_t^T h_{t-1} = dG^T H},
 * with {@code H} the states the steps started from. For LSTM and RNN that tensor is the input
 * projection plus the biases (the gates are its row plus {@code h W_hh^T}); for GRU, whose hidden
 * gates enter {@code n} scaled by {@code r}, it is {@code b_hh} (or zeros) broadcast to every step.
 * Bias gradients, sums over every step and sequence, are taken as {@code ones^T dG} (a matmul,
 * fast on every backend, rather than a reduction down a column).
 */
final class SequenceGradients {
    private SequenceGradients() {
    }

    /**
     * Every step's input gates, {@code seq W_ih^T + bias}
     * ({@code seq} {@code [T, B, I]} or {@code [B, T, I]}, {@code wIh} {@code [G*H, I]}), recorded as
     * depending on {@code seq}, {@code wIh}, {@code bias} and, when not {@code null}, {@code wHh};
     * {@code starts[t]} must hold the state step {@code t} started from by the time backward runs.
     * The projection is in the same tape entry so that both weight gradients are
     * then one matmul, {@code dG^T [seq | H]}: the gate gradients, the largest operand of the
     * backward pass ({@code [T*B, G*H]}, 26 MB in an IMDB LSTM step), are packed for a product once
     * rather than once per weight.
     */
    static Tensor projectedGates(Tensor seq, Tensor wIh, Tensor bias, Tensor wHh, Tensor[] starts, int timeAxis) {
        Tensor value;
        int features = seq.dim(2);
        try (var ignored = Autograd.noGrad()) {
            Tensor proj = seq.reshape(-1, features).matmul(wIh.t());
            proj = proj.reshape(seq.dim(0), seq.dim(1), proj.dim(1));
            value = bias == null ? proj : proj.add(bias);
        }
        return Autograd.record("recurrentProjectedGates", value, (g, needs) -> {
            Tensor rows = g.reshape(-1, g.dim(2));
            Tensor dSeq = needs[0] ? rows.matmul(wIh.detach()).reshape(seq.shape().toArray()) : null;
            Tensor dIh;
            Tensor dHh;
            if (needs[1] && wHh != null && needs[3]) {
                Tensor h = Tensor.stack(timeAxis, Arrays.asList(starts));
                Tensor both = Tensor.concat(1, seq.detach().reshape(-1, features), h.reshape(-1, h.dim(2)));
                Tensor w = rows.t().matmul(both);
                dIh = w.slice(1, 0, features).contiguous();
                dHh = w.slice(1, features, w.dim(1)).contiguous();
            } else {
                dIh = needs[1] ? rows.t().matmul(seq.detach().reshape(-1, features)) : null;
                dHh = wHh != null && needs[3] ? weightGrad(g, starts, timeAxis) : null;
            }
            return new Tensor[] {dSeq, dIh, needs[2] ? sumRows(g) : null, dHh};
        }, seq, wIh, bias, wHh);
    }

    /**
     * GRU's hidden-gate bias for every step: {@code bHh} ({@code null}: zeros) broadcast to
     * {@code shape} ({@code [T, B, 3H]} or {@code [B, T, 3H]}, a view), recorded as depending on
     * {@code bHh} and {@code wHh}.
     */
    static Tensor hiddenBias(Tensor bHh, Tensor wHh, int[] shape, Tensor[] starts, int timeAxis) {
        Tensor value = bHh != null ? bHh.detach().expand(shape)
                : Tensor.zeros(Shape.of(shape[2]), wHh.dtype()).to(wHh.backend()).expand(shape);
        return Autograd.record("recurrentHiddenBias", value, (g, needs) -> new Tensor[] {
            needs[0] ? sumRows(g) : null,
            needs[1] ? weightGrad(g, starts, timeAxis) : null}, bHh, wHh);
    }

    /** {@code sum_t dG_t^T h_{t-1}}, {@code [G*H, H]}. */
    private static Tensor weightGrad(Tensor g, Tensor[] starts, int timeAxis) {
        Tensor h = Tensor.stack(timeAxis, Arrays.asList(starts));
        return g.reshape(-1, g.dim(2)).t().matmul(h.reshape(-1, h.dim(2)));
    }

    /** The sum over the two leading axes, {@code [G*H]}. */
    private static Tensor sumRows(Tensor g) {
        Tensor rows = g.reshape(-1, g.dim(2));
        Tensor ones = Tensor.ones(Shape.of(1, rows.dim(0)), g.dtype()).to(g.backend());
        return ones.matmul(rows).reshape(g.dim(2));
    }
}
