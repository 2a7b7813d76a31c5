package dev.sinapsis.nn.functional;

import dev.sinapsis.tensor.Tensor;

/**
 * What an attention function or module returns: the attended values and the attention weights
 * (the softmax over the keys, after dropout, as PyTorch returns them). {@code weights} is
 * {@code null} when the caller did not ask for them ({@code needWeights == false}).
 *
 * @param output  the attended values
 * @param weights the attention weights, or {@code null}
 */
public record AttentionOutput(Tensor output, Tensor weights) {
}
