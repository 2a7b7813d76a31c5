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
     * {@code proj + bias} ({@code proj} {@code [T, B, G*H]} or {@code [B, T, G*H]}, {@code bias}
     * {@code [G*H]} or {@code null}), recorded as depending on {@code proj}, {@code bias} and, when
     * not {@code null}, {@code wHh}; {@code starts[t]} must hold the state step {@code t} started
     * from by the time backward runs.
     */
    static Tensor inputGates(Tensor proj, Tensor bias, Tensor wHh, Tensor[] starts, int timeAxis) {
        Tensor value;
        try (var ignored = Autograd.noGrad()) {
            value = bias == null ? proj.detach() : proj.add(bias);
        }
        return Autograd.record("recurrentInputGates", value, (g, needs) -> new Tensor[] {
            needs[0] ? g : null,
            needs[1] ? sumRows(g) : null,
            needs[2] ? weightGrad(g, starts, timeAxis) : null}, proj, bias, wHh);
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
