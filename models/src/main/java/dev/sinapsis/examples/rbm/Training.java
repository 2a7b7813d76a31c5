package dev.sinapsis.examples.rbm;

import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;

/**
 * The two ways to estimate the model statistics of an {@link Rbm}'s gradient.
 *
 * <p>CD-k (contrastive divergence, Hinton 2002) starts a Gibbs chain at each data row and runs
 * {@code k} steps. PCD-k (persistent CD, Tieleman 2008) keeps a set of chains, the "fantasy
 * particles", across updates and advances them {@code k} steps per update, so they wander the model's
 * distribution instead of staying near the data.
 */
public final class Training {
    private final Rbm rbm;
    private final int k;
    private final Tensor particles;

    private Training(Rbm rbm, int k, Tensor particles) {
        if (k < 1) {
            throw new IllegalArgumentException("rbm: k (Gibbs steps per update) must be at least 1, got " + k);
        }
        this.rbm = rbm;
        this.k = k;
        this.particles = particles;
    }

    /** CD-k. */
    public static Training contrastiveDivergence(Rbm rbm, int k) {
        return new Training(rbm, k, null);
    }

    /** PCD-k with the given fantasy particles {@code [M, V]} (copied; they belong to the scope open here). */
    public static Training persistent(Rbm rbm, int k, Tensor initialParticles) {
        return new Training(rbm, k, initialParticles.mul(1));
    }

    /** Whether the chains persist (PCD). */
    public boolean persistent() {
        return particles != null;
    }

    /** The fantasy particles {@code [M, V]} (PCD only). */
    public Tensor particles() {
        if (particles == null) {
            throw new IllegalStateException("rbm: CD-k keeps no fantasy particles");
        }
        return particles;
    }

    /** One update from the mini-batch {@code v0} ({@code [B, V]}). */
    public void step(Tensor v0, double lr, Generator gen) {
        Tensor ph0 = rbm.hiddenProbabilities(v0);
        Tensor v = particles == null ? v0 : particles;
        Tensor h = Rbm.sample(particles == null ? ph0 : rbm.hiddenProbabilities(v), gen);
        Tensor ph = null;
        for (int i = 0; i < k; i++) {
            v = Rbm.sample(rbm.visibleProbabilities(h), gen);
            ph = rbm.hiddenProbabilities(v);
            if (i < k - 1) {
                h = Rbm.sample(ph, gen);
            }
        }
        rbm.update(v0, ph0, v, ph, lr);
        if (particles != null) {
            particles.copyFrom(v);
        }
    }
}
