package dev.sinapsis.nn;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;

/**
 * What {@link RNNCell}, {@link LSTMCell} and {@link GRUCell} share (PyTorch's {@code RNNCellBase}):
 * parameters {@code weight_ih} {@code [G*H, in]}, {@code weight_hh} {@code [G*H, H]} and, with a
 * bias, {@code bias_ih}, {@code bias_hh} {@code [G*H]}, initialised uniformly in
 * {@code (-1/sqrt(H), 1/sqrt(H))}. A cell computes one step: input {@code [B, in]} (or {@code [in]}),
 * state {@code [B, H]} (or {@code [H]}).
 */
public abstract class RNNCellBase extends Module {
    private final int inputSize;
    private final int hiddenSize;
    private final Tensor weightIh;
    private final Tensor weightHh;
    private final Tensor biasIh;
    private final Tensor biasHh;

    /** Registers the parameters of a cell with {@code gates} stacked blocks. */
    protected RNNCellBase(String name, int gates, int inputSize, int hiddenSize, boolean bias, Generator gen,
            DType dtype) {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException(name + ": inputSize and hiddenSize must be positive, got "
                    + inputSize + " and " + hiddenSize);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        double k = 1 / Math.sqrt(hiddenSize);
        int gh = gates * hiddenSize;
        this.weightIh = registerParameter("weight_ih", Tensor.uniform(gen, Shape.of(gh, inputSize), dtype, -k, k));
        this.weightHh = registerParameter("weight_hh", Tensor.uniform(gen, Shape.of(gh, hiddenSize), dtype, -k, k));
        this.biasIh = bias ? registerParameter("bias_ih", Tensor.uniform(gen, Shape.of(gh), dtype, -k, k)) : null;
        this.biasHh = bias ? registerParameter("bias_hh", Tensor.uniform(gen, Shape.of(gh), dtype, -k, k)) : null;
    }

    /** Features of the input. */
    public int inputSize() {
        return inputSize;
    }

    /** Features of the hidden state. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** {@code weight_ih}, {@code [G*H, in]}. */
    public Tensor weightIh() {
        return weightIh;
    }

    /** {@code weight_hh}, {@code [G*H, H]}. */
    public Tensor weightHh() {
        return weightHh;
    }

    /** {@code bias_ih}, {@code [G*H]}, or {@code null}. */
    public Tensor biasIh() {
        return biasIh;
    }

    /** {@code bias_hh}, {@code [G*H]}, or {@code null}. */
    public Tensor biasHh() {
        return biasHh;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + inputSize + ", " + hiddenSize + (biasIh == null ? ", bias=false" : "")
                + ")";
    }
}
