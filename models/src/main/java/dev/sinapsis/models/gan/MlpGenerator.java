package dev.sinapsis.models.gan;

import dev.sinapsis.nn.BatchNorm;
import dev.sinapsis.nn.BatchNorm1d;
import dev.sinapsis.nn.LeakyReLU;
import dev.sinapsis.nn.Linear;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.Sequential;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.util.Arrays;

/**
 * The generator of the MLP GAN: latent vector {@code [N, latent]} to an image {@code [N, C, H, W]}
 * in {@code [-1, 1]}, through {@code Linear (no bias) -> BatchNorm1d -> LeakyReLU(0.2)} per hidden width and
 * a last {@code Linear -> tanh}. The batch norm (as in PyTorch-GAN's MLP generator) makes it learn
 * digit shapes in a few hundred steps rather than thousands. The default is 100-256-512-1024-784; the benchmark times 100-256-512-784.
 */
public final class MlpGenerator extends Module {
    /** Negative slope of the hidden activations. */
    public static final double SLOPE = 0.2;
    /**
     * The batch norms' epsilon, 0.8 as in PyTorch-GAN's MLP generator: {@code (x - mean) /
     * sqrt(var + 0.8)} centres every unit but barely rescales the quiet ones, where the usual 1e-5
     * would blow their small variations up to unit variance and speckle the images with noise.
     */
    public static final double BN_EPS = 0.8;
    private final Sequential net = new Sequential();
    private final int latent;
    private final int[] image;
    private final int[] hidden;

    /**
     * @param latent size of the latent vector
     * @param hidden hidden widths, e.g. {@code {256, 512}}
     * @param image  output shape {@code {C, H, W}}
     * @param init   source of the initial weights (PyTorch's default initialisation)
     */
    public MlpGenerator(int latent, int[] hidden, int[] image, Generator init) {
        if (latent <= 0 || image.length != 3) {
            throw new IllegalArgumentException("MlpGenerator: needs a positive latent size and an image shape {C, H, W}, got "
                    + latent + " and " + Arrays.toString(image));
        }
        this.latent = latent;
        this.image = image.clone();
        this.hidden = hidden.clone();
        int in = latent;
        for (int h : hidden) {
            // no bias before a batch norm: it would subtract it again (its gradient is 0)
            net.add(new Linear(in, h, false, init)).add(new BatchNorm1d(h, BN_EPS, BatchNorm.DEFAULT_MOMENTUM, true))
                    .add(new LeakyReLU(SLOPE));
            in = h;
        }
        net.add(new Linear(in, image[0] * image[1] * image[2], true, init));
        registerModule("net", net);
    }

    /** The latent size. */
    public int latent() {
        return latent;
    }

    @Override
    public Tensor forward(Tensor z) {
        if (z.rank() != 2 || z.dim(1) != latent) {
            throw new dev.sinapsis.tensor.ShapeException("MlpGenerator: expected latent vectors [N, " + latent + "], got "
                    + z.shape());
        }
        return net.forward(z).tanh().reshape(z.dim(0), image[0], image[1], image[2]);
    }

    @Override
    public String toString() {
        return "MlpGenerator(" + latent + "-" + String.join("-", Arrays.stream(hidden).mapToObj(String::valueOf).toList())
                + "-" + image[0] * image[1] * image[2] + ")";
    }
}
