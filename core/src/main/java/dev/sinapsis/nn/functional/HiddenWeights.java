package dev.sinapsis.nn.functional;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.tensor.Tensor;
import java.util.Arrays;

/**
 * The gradient of a recurrent layer's {@code weight_hh} (and GRU's {@code bias_hh}) for the whole
 * sequence in one matmul, instead of one small matmul and one addition per step.
 *
 * <p>Each step multiplies the previous state by a detached {@code W_hh}, so its tape entry only
 * passes the gradient on to the state. The dependence on {@code W_hh} is recorded once, on a
 * tensor with a row per step that every step adds to its gate pre-activations, so the step's
 * gradient {@code dG_t} of {@code h_{t-1} W_hh^T} is that tensor's gradient at row {@code t}
 * (collected for all steps in one buffer by {@link Tensor#unbind}); then
 * {@code dW_hh = sum_t dG_t^T h_{t-1} = dG^T H}, with {@code H} the states the steps started from.
 * For LSTM and RNN that tensor is the input projection (the gates are its row plus
 * {@code h W_hh^T}); for GRU, whose hidden gates enter {@code n} scaled by {@code r}, it is
 * {@code b_hh} (or zeros) broadcast to every step.
 */
final class HiddenWeights {
    private HiddenWeights() {
    }

    /**
     * {@code rows} ({@code [T, B, G*H]} or {@code [B, T, G*H]}) unchanged, recorded as also
     * depending on {@code wHh}; {@code starts[t]} must hold the state step {@code t} started from
     * by the time backward runs.
     */
    static Tensor attach(Tensor rows, Tensor wHh, Tensor[] starts, int timeAxis) {
        return Autograd.record("recurrentHiddenWeights", rows.detach(), (g, needs) -> new Tensor[] {
            needs[0] ? g : null,
            needs[1] ? weightGrad(g, starts, timeAxis) : null}, rows, wHh);
    }

    /**
     * GRU's hidden-gate bias for every step: {@code bHh} ({@code null}: zeros) broadcast to
     * {@code [T, B, 3H]} or {@code [B, T, 3H]} (a view), recorded as depending on {@code bHh} and
     * {@code wHh}.
     */
    static Tensor hiddenBias(Tensor bHh, Tensor wHh, int[] shape, Tensor[] starts, int timeAxis) {
        Tensor value = bHh != null ? bHh.detach().expand(shape)
                : Tensor.zeros(dev.sinapsis.tensor.Shape.of(shape[2]), wHh.dtype()).to(wHh.backend()).expand(shape);
        return Autograd.record("recurrentHiddenBias", value, (g, needs) -> new Tensor[] {
            needs[0] ? g.sum(new int[] {0, 1}, false) : null,
            needs[1] ? weightGrad(g, starts, timeAxis) : null}, bHh, wHh);
    }

    private static Tensor weightGrad(Tensor g, Tensor[] starts, int timeAxis) {
        Tensor h = Tensor.stack(timeAxis, Arrays.asList(starts));
        return g.reshape(-1, g.dim(2)).t().matmul(h.reshape(-1, h.dim(2)));
    }
}
