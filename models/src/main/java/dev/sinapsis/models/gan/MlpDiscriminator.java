package dev.sinapsis.models.gan;

import dev.sinapsis.nn.Dropout;
import dev.sinapsis.nn.Flatten;
import dev.sinapsis.nn.LeakyReLU;
import dev.sinapsis.nn.Linear;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.Sequential;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.util.Arrays;

/**
 * The discriminator of the MLP GAN: an image {@code [N, C, H, W]} to one logit per image
 * {@code [N]} ("real" when positive), through {@code Linear -> LeakyReLU(0.2)} (then dropout, if
 * any) per hidden width and a last {@code Linear} to 1. The default is 784-1024-512-256-1 without dropout (the images it sees are randomly translated instead).
 */
public final class MlpDiscriminator extends Module {
    private final Sequential net = new Sequential(new Flatten());
    private final int inputs;
    private final int[] hidden;

    /**
     * @param image   input shape {@code {C, H, W}}
     * @param hidden  hidden widths, e.g. {@code {512, 256}}
     * @param dropout drop probability after each hidden activation (0: none)
     * @param init    source of the initial weights
     * @param dropoutGen source of the dropout masks (unused without dropout)
     */
    public MlpDiscriminator(int[] image, int[] hidden, double dropout, Generator init, Generator dropoutGen) {
        this.inputs = image[0] * image[1] * image[2];
        this.hidden = hidden.clone();
        int in = inputs;
        for (int h : hidden) {
            net.add(new Linear(in, h, true, init)).add(new LeakyReLU(MlpGenerator.SLOPE));
            if (dropout > 0) {
                net.add(new Dropout(dropout, dropoutGen));
            }
            in = h;
        }
        net.add(new Linear(in, 1, true, init));
        registerModule("net", net);
    }

    @Override
    public Tensor forward(Tensor images) {
        return net.forward(images).reshape(images.dim(0));
    }

    @Override
    public String toString() {
        return "MlpDiscriminator(" + inputs + "-" + String.join("-", Arrays.stream(hidden).mapToObj(String::valueOf)
                .toList()) + "-1)";
    }
}
