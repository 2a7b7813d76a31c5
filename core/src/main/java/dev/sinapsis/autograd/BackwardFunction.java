package dev.sinapsis.autograd;

import dev.sinapsis.tensor.Tensor;

/**
 * The vector-Jacobian product of one recorded op: given the gradient of the loss with respect to
 * the op's output, returns the gradient with respect to each input (in input order).
 */
@FunctionalInterface
public interface BackwardFunction {
    /**
     * @param grad      gradient with respect to the op's output (its shape)
     * @param needsGrad for each input, whether its gradient is wanted; others may be {@code null}
     * @return one gradient per input, each of that input's shape, or {@code null}
     */
    Tensor[] apply(Tensor grad, boolean[] needsGrad);
}
