package dev.sinapsis.examples.rbm;

import dev.sinapsis.nn.functional.Activations;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;

/**
 * A restricted Boltzmann machine of binary units: visible {@code v} ({@code V}), hidden {@code h}
 * ({@code H}), energy {@code E(v, h) = -b.v - c.h - v.W.h}, so {@code p(h_j = 1 | v) = sigmoid(c_j + (vW)_j)}
 * and {@code p(v_i = 1 | h) = sigmoid(b_i + (W h)_i)}. Its tensors belong to the memory scope open
 * when it is made (they are updated in place).
 */
public final class Rbm {
    private final Tensor weights;
    private final Tensor visibleBias;
    private final Tensor hiddenBias;

    /**
     * A machine with small random weights (normal, standard deviation 0.01), zero hidden biases and
     * visible biases {@code log(p / (1 - p))} of the mean {@code p} of each visible unit over
     * {@code data} (Hinton's "practical guide"), clamped away from 0 and 1.
     */
    public Rbm(Tensor data, int hidden, Generator gen) {
        int visible = data.dim(1);
        Tensor p = data.mean(0).clamp(0.01, 0.99);
        this.weights = Tensor.randn(gen, visible, hidden).mul(0.01);
        this.visibleBias = p.div(p.neg().add(1)).log();
        this.hiddenBias = Tensor.zeros(hidden);
    }

    /** Visible units. */
    public int visible() {
        return weights.dim(0);
    }

    /** Hidden units. */
    public int hidden() {
        return weights.dim(1);
    }

    /** The weights {@code [V, H]}. */
    public Tensor weights() {
        return weights;
    }

    /** The visible biases {@code [V]}. */
    public Tensor visibleBias() {
        return visibleBias;
    }

    /** The hidden biases {@code [H]}. */
    public Tensor hiddenBias() {
        return hiddenBias;
    }

    /** {@code p(h = 1 | v)} for a batch {@code [B, V]}: {@code [B, H]}. */
    public Tensor hiddenProbabilities(Tensor v) {
        return v.matmul(weights).add(hiddenBias).sigmoid();
    }

    /** {@code p(v = 1 | h)} for a batch {@code [B, H]}: {@code [B, V]}. */
    public Tensor visibleProbabilities(Tensor h) {
        return h.matmul(weights.t()).add(visibleBias).sigmoid();
    }

    /** Binary states drawn with probabilities {@code p} (F32 zeros and ones). */
    public static Tensor sample(Tensor p, Generator gen) {
        return Tensor.rand(gen, p.shape().toArray()).lt(p).to(DType.F32);
    }

    /**
     * The free energy {@code F(v) = -b.v - sum_j softplus(c_j + (vW)_j)} of every row {@code [B, V]}:
     * {@code [B]}, so that {@code p(v) = exp(-F(v)) / Z}.
     */
    public Tensor freeEnergy(Tensor v) {
        Tensor visibleTerm = v.matmul(visibleBias.unsqueeze(1)).squeeze(1);
        return visibleTerm.add(Activations.softplus(v.matmul(weights).add(hiddenBias)).sum(1)).neg();
    }

    /**
     * Moves the parameters along the log-likelihood gradient estimated from the data statistics
     * ({@code v0}, {@code p(h | v0)}) and the model statistics ({@code vk}, {@code p(h | vk)}):
     * {@code W += lr (v0' ph0 / B - vk' phk / M)}, likewise for the biases.
     */
    public void update(Tensor v0, Tensor ph0, Tensor vk, Tensor phk, double lr) {
        Tensor positive = v0.t().matmul(ph0).div(v0.dim(0));
        Tensor negative = vk.t().matmul(phk).div(vk.dim(0));
        weights.addInPlace(positive.sub(negative), lr);
        visibleBias.addInPlace(v0.mean(0).sub(vk.mean(0)), lr);
        hiddenBias.addInPlace(ph0.mean(0).sub(phk.mean(0)), lr);
    }

    /** The mean squared difference between {@code v} and its mean-field reconstruction {@code p(v | h ~ p(h | v))}. */
    public Tensor reconstructionError(Tensor v, Generator gen) {
        Tensor h = sample(hiddenProbabilities(v), gen);
        return visibleProbabilities(h).sub(v).square().mean();
    }
}
