package dev.sinapsis.models.autoencoder;

import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;

/** Reconstruction figures for images in [0, 1], and the noise a denoising autoencoder learns to remove. */
public final class Reconstruction {
    private Reconstruction() {
    }

    /**
     * The peak signal-to-noise ratio in dB of a mean squared error on pixels in [0, 1]:
     * {@code 10 log10(1 / mse)} (infinite for 0).
     */
    public static double psnr(double mse) {
        if (!(mse >= 0)) {
            throw new IllegalArgumentException("psnr: the mean squared error must be >= 0, got " + mse);
        }
        return 10 * Math.log10(1 / mse);
    }

    /** {@code clamp(x + sigma * N(0, 1), 0, 1)}: Gaussian noise, pixels kept in [0, 1]. */
    public static Tensor addNoise(Tensor x, double sigma, Generator gen) {
        if (!(sigma >= 0 && sigma <= 10)) {
            throw new IllegalArgumentException("the noise level must be in [0, 10], got " + sigma);
        }
        if (sigma == 0) {
            return x;
        }
        return x.add(Tensor.normal(gen, x.shape(), x.dtype(), 0, sigma)).clamp(0, 1);
    }
}
