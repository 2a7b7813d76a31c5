package dev.sinapsis.models.gan;

import dev.sinapsis.nn.BatchNorm2d;
import dev.sinapsis.nn.ConvTranspose2d;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.ReLU;
import dev.sinapsis.nn.Sequential;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;

/**
 * The DCGAN generator for {@code H x W} images (H and W divisible by 4; 28 x 28 for MNIST): the
 * latent vector, seen as a {@code 1 x 1} map, is grown by transposed convolutions
 * <pre>
 * [latent, 1, 1] -ConvT k(H/4, W/4)-> [2F, H/4, W/4] -BN-ReLU-ConvT k4 s2 p1-> [F, H/2, W/2]
 *                -BN-ReLU-ConvT k4 s2 p1-> [C, H, W] -tanh
 * </pre>
 * with {@code F} base filters, no bias before a batch norm, and the DCGAN initialisation.
 */
public final class DcganGenerator extends Module {
    private final Sequential net;
    private final int latent;
    private final int filters;

    /**
     * @param latent  size of the latent vector
     * @param filters base filter count F (64 in the DCGAN paper's last layer)
     * @param image   output shape {@code {C, H, W}}
     * @param init    source of the initial weights
     */
    public DcganGenerator(int latent, int filters, int[] image, Generator init) {
        GanSpec.checkDcganImage("DcganGenerator", image);
        this.latent = latent;
        this.filters = filters;
        int c = image[0];
        int h4 = image[1] / 4;
        int w4 = image[2] / 4;
        net = new Sequential(
                new ConvTranspose2d(latent, 2 * filters, new int[] {h4, w4}, new int[] {1, 1}, new int[] {0, 0},
                        new int[] {0, 0}, new int[] {1, 1}, false, init),
                new BatchNorm2d(2 * filters), new ReLU(),
                new ConvTranspose2d(2 * filters, filters, new int[] {4, 4}, new int[] {2, 2}, new int[] {1, 1},
                        new int[] {0, 0}, new int[] {1, 1}, false, init),
                new BatchNorm2d(filters), new ReLU(),
                new ConvTranspose2d(filters, c, 4, 2, 1, 0, init));
        registerModule("net", net);
        DcganInit.apply(this, init);
    }

    /** The latent size. */
    public int latent() {
        return latent;
    }

    @Override
    public Tensor forward(Tensor z) {
        if (z.rank() != 2 || z.dim(1) != latent) {
            throw new ShapeException("DcganGenerator: expected latent vectors [N, " + latent + "], got " + z.shape());
        }
        return net.forward(z.reshape(z.dim(0), latent, 1, 1)).tanh();
    }

    @Override
    public String toString() {
        return "DcganGenerator(latent " + latent + ", filters " + 2 * filters + "," + filters + ")";
    }
}
