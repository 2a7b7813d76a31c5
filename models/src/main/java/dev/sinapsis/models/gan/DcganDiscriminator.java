package dev.sinapsis.models.gan;

import dev.sinapsis.nn.BatchNorm2d;
import dev.sinapsis.nn.Conv2d;
import dev.sinapsis.nn.LeakyReLU;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.Sequential;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;

/**
 * The DCGAN discriminator: strided convolutions, no pooling,
 * <pre>
 * [C, H, W] -Conv k4 s2 p1-> [F, H/2, W/2] -LeakyReLU(0.2)-Conv k4 s2 p1-> [2F, H/4, W/4]
 *           -BN-LeakyReLU(0.2)-Conv k(H/4, W/4)-> [1, 1, 1]
 * </pre>
 * giving one logit per image {@code [N]}, with the DCGAN initialisation. With {@code refine}, a
 * stride-1 {@code Conv k3 p1}-BN-LeakyReLU block follows the second stage (at {@code H/4}), the
 * counterpart of the generator's refinement.
 */
public final class DcganDiscriminator extends Module {
    private final Sequential net;
    private final int filters;
    private final boolean refine;

    /** The paper's layout, without the refinement block. */
    public DcganDiscriminator(int[] image, int filters, Generator init) {
        this(image, filters, false, init);
    }

    /**
     * @param image   input shape {@code {C, H, W}} (H and W divisible by 4)
     * @param filters base filter count F
     * @param refine  add the stride-1 refinement block after the second stage
     * @param init    source of the initial weights
     */
    public DcganDiscriminator(int[] image, int filters, boolean refine, Generator init) {
        GanSpec.checkDcganImage("DcganDiscriminator", image);
        this.filters = filters;
        this.refine = refine;
        int one = 1;
        net = new Sequential(
                new Conv2d(image[0], filters, 4, 2, 1, one, true, init), new LeakyReLU(MlpGenerator.SLOPE),
                new Conv2d(filters, 2 * filters, new int[] {4, 4}, new int[] {2, 2}, new int[] {1, 1},
                        new int[] {1, 1}, false, init),
                new BatchNorm2d(2 * filters), new LeakyReLU(MlpGenerator.SLOPE));
        if (refine) {
            net.add(new Conv2d(2 * filters, 2 * filters, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1},
                    new int[] {1, 1}, false, init));
            net.add(new BatchNorm2d(2 * filters));
            net.add(new LeakyReLU(MlpGenerator.SLOPE));
        }
        net.add(new Conv2d(2 * filters, 1, new int[] {image[1] / 4, image[2] / 4}, new int[] {1, 1},
                new int[] {0, 0}, new int[] {1, 1}, true, init));
        registerModule("net", net);
        DcganInit.apply(this, init);
    }

    @Override
    public Tensor forward(Tensor images) {
        return net.forward(images).reshape(images.dim(0));
    }

    @Override
    public String toString() {
        return "DcganDiscriminator(filters " + filters + "," + 2 * filters + (refine ? ", refined" : "") + ")";
    }
}
