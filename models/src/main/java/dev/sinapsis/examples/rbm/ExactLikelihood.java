package dev.sinapsis.examples.rbm;

import dev.sinapsis.nn.functional.Activations;
import dev.sinapsis.tensor.Tensor;

/**
 * The exact log-likelihood of a small {@link Rbm}, by enumerating its {@code 2^H} hidden states:
 * {@code log Z = logsumexp_h (c.h + sum_i softplus(b_i + (W h)_i))} and
 * {@code log p(v) = -F(v) - log Z}. Feasible up to about 20 hidden units.
 */
public final class ExactLikelihood {
    /** The most hidden units enumerated. */
    public static final int MAX_HIDDEN = 20;

    private ExactLikelihood() {
    }

    /** Every binary vector of {@code n} units, one per row: {@code [2^n, n]}, row {@code r} the bits of {@code r}. */
    public static Tensor allStates(int n) {
        if (n < 1 || n > MAX_HIDDEN) {
            throw new IllegalArgumentException("rbm: enumerating 2^" + n + " states; at most 2^" + MAX_HIDDEN);
        }
        int rows = 1 << n;
        float[] bits = new float[rows * n];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) {
                bits[r * n + j] = (r >> j) & 1;
            }
        }
        return Tensor.of(bits, rows, n);
    }

    /** {@code log Z} of {@code rbm}. */
    public static double logPartition(Rbm rbm) {
        Tensor h = allStates(rbm.hidden());
        Tensor visibleSum = Activations.softplus(h.matmul(rbm.weights().t()).add(rbm.visibleBias())).sum(1);
        Tensor hiddenTerm = h.matmul(rbm.hiddenBias().unsqueeze(1)).squeeze(1);
        return visibleSum.add(hiddenTerm).logsumexp(new int[] {0}, false).item();
    }

    /** The mean log-likelihood {@code (1/N) sum log p(v)} of the rows of {@code data} ({@code [N, V]}), in nats. */
    public static double meanLogLikelihood(Rbm rbm, Tensor data) {
        return -rbm.freeEnergy(data).mean().item() - logPartition(rbm);
    }
}
