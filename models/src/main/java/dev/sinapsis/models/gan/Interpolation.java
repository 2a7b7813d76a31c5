package dev.sinapsis.models.gan;

import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;

/** Latent walks for showing what a generator learned: straight lines between random latent points. */
public final class Interpolation {
    private Interpolation() {
    }

    /**
     * {@code rows x steps} latent vectors {@code [rows * steps, latent]}: row {@code r} goes from
     * {@code a_r} to {@code b_r} (both drawn from N(0, I) with {@code gen}) in {@code steps} equal
     * steps, both ends included: {@code (1 - t) a + t b} for {@code t = 0, 1/(steps-1), ..., 1}.
     */
    public static Tensor rows(Generator gen, int rows, int steps, int latent) {
        if (rows < 1 || steps < 2 || latent < 1) {
            throw new IllegalArgumentException("Interpolation.rows: needs rows >= 1, steps >= 2, latent >= 1, got "
                    + rows + ", " + steps + ", " + latent);
        }
        Tensor a = Tensor.randn(gen, rows, 1, latent);
        Tensor b = Tensor.randn(gen, rows, 1, latent);
        double[] ts = new double[steps];
        for (int i = 0; i < steps; i++) {
            ts[i] = (double) i / (steps - 1);
        }
        Tensor t = Tensor.of(ts, 1, steps, 1).to(a.dtype());
        // a + t (b - a), broadcast to [rows, steps, latent]
        return a.add(b.sub(a).mul(t)).reshape(rows * steps, latent);
    }
}
