package dev.sinapsis.backend;

/**
 * Optional capability: an optimizer's update of one parameter in one pass over memory, in place.
 * The composite of {@code dev.sinapsis.optim.Adam} (a dozen elementwise ops, each reading and writing
 * a parameter-sized tensor) stays the reference the conformance suite compares it with; on a large
 * embedding table those passes cost a training step more time than its forward pass.
 */
public interface OptimizerOps extends Capability {
    /**
     * The scalars of one Adam (or AdamW) step; {@code stepSize = lr / (1 - beta1^t)} and
     * {@code biasCorrection2Sqrt = sqrt(1 - beta2^t)} at step {@code t}.
     *
     * @param decoupled AdamW's weight decay ({@code p *= 1 - lr * weightDecay} first) instead of
     *                  Adam's L2 term ({@code grad += weightDecay * p})
     */
    record AdamStep(double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled,
                    double stepSize, double biasCorrection2Sqrt) {
    }

    /**
     * One Adam step, element by element, exactly as the composite computes it (each operation
     * rounded to the dtype, scalars converted to it):
     * <pre>
     *   p = p * (1 - lr * wd)                      (decoupled only)
     *   d = grad + p * wd                          (not decoupled, wd != 0; else d = grad)
     *   m = m * beta1 + d * (1 - beta1)
     *   v = v * beta2 + d * d * (1 - beta2)
     *   vMax = max(vMax, v)                        (when vMax is given: AMSGrad)
     *   p = p - m / (sqrt(vMax or v) / biasCorrection2Sqrt + eps) * stepSize
     * </pre>
     * {@code param}, {@code expAvg}, {@code expAvgSq} and {@code maxExpAvgSq} (null without AMSGrad)
     * are updated in place; all views are contiguous, of one floating dtype and one element count,
     * and the written ones do not overlap each other or {@code grad}.
     */
    void adamStep(View param, View grad, View expAvg, View expAvgSq, View maxExpAvgSq, AdamStep step);
}
