package dev.sinapsis.optim;

import dev.sinapsis.tensor.Tensor;
import java.util.List;

/**
 * Weight penalties to add to a loss; both are differentiable scalars.
 *
 * <pre>{@code
 * Tensor loss = dataLoss.add(Regularization.l2(model.parameters()).mul(1e-4));
 * }</pre>
 */
public final class Regularization {
    private Regularization() {
    }

    /** {@code sum over params of sum |w|}: the L1 (lasso) penalty. */
    public static Tensor l1(List<Tensor> params) {
        return total("l1", params, true);
    }

    /** {@code sum over params of sum w^2}: the L2 (ridge) penalty, without a factor 1/2. */
    public static Tensor l2(List<Tensor> params) {
        return total("l2", params, false);
    }

    private static Tensor total(String what, List<Tensor> params, boolean abs) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException(what + ": no parameters given");
        }
        Tensor sum = null;
        for (Tensor p : params) {
            Tensor term = (abs ? p.abs() : p.square()).sum();
            sum = sum == null ? term : sum.add(term);
        }
        return sum;
    }
}
