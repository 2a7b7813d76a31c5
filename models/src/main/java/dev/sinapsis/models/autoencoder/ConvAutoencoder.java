package dev.sinapsis.models.autoencoder;

import dev.sinapsis.models.ConfigException;
import dev.sinapsis.nn.Conv2d;
import dev.sinapsis.nn.ConvTranspose2d;
import dev.sinapsis.nn.MaxPool2d;
import dev.sinapsis.nn.MaxUnpool2d;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.functional.Pooling;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import java.util.Locale;

/**
 * A convolutional autoencoder for {@code [N, C, H, W]} images in [0, 1] (H, W divisible by 4):
 * <pre>
 * encoder: Conv 3x3 (C -> F1) ReLU MaxPool 2  -> Conv 3x3 (F1 -> F2) ReLU MaxPool 2   [F2, H/4, W/4]
 * unpool decoder:     MaxUnpool 2 (pool 2's indices) Conv 3x3 (F2 -> F1) ReLU
 *                     MaxUnpool 2 (pool 1's indices) Conv 3x3 (F1 -> C) sigmoid
 * transposed decoder: ConvTranspose 2x2 s2 (F2 -> F1) ReLU ConvTranspose 2x2 s2 (F1 -> C) sigmoid
 * </pre>
 * The unpooling decoder puts each value back where the encoder found its maximum (Zeiler and
 * Fergus' "switches", SegNet's decoder) and lets convolutions fill the rest; the transposed one
 * learns its upsampling.
 */
public final class ConvAutoencoder extends Module {
    /** How the decoder upsamples. */
    public enum Decoder {
        /** {@code MaxUnpool2d} with the encoder's pooling indices. */
        UNPOOL,
        /** {@code ConvTranspose2d}, stride 2. */
        TRANSPOSED;

        /** The decoder named {@code unpool} or {@code transposed}. */
        public static Decoder parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("unknown decoder '" + name + "'; choose unpool or transposed");
            }
        }

        /** The lower-case name. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Decoder decoder;
    private final int channels;
    private final int f1;
    private final int f2;
    private final Conv2d enc1;
    private final Conv2d enc2;
    private final MaxPool2d pool = new MaxPool2d(2);
    private final MaxUnpool2d unpool = new MaxUnpool2d(2);
    private final Module dec2;
    private final Module dec1;

    /**
     * @param channels image channels C
     * @param f1       filters of the first convolution
     * @param f2       filters of the second (the code has {@code f2 * H/4 * W/4} values)
     * @param decoder  how to upsample
     * @param init     source of the initial weights
     */
    public ConvAutoencoder(int channels, int f1, int f2, Decoder decoder, Generator init) {
        this.decoder = decoder;
        this.channels = channels;
        this.f1 = f1;
        this.f2 = f2;
        enc1 = registerModule("enc1", new Conv2d(channels, f1, 3, 1, 1, 1, true, init));
        enc2 = registerModule("enc2", new Conv2d(f1, f2, 3, 1, 1, 1, true, init));
        if (decoder == Decoder.UNPOOL) {
            dec2 = registerModule("dec2", new Conv2d(f2, f1, 3, 1, 1, 1, true, init));
            dec1 = registerModule("dec1", new Conv2d(f1, channels, 3, 1, 1, 1, true, init));
        } else {
            dec2 = registerModule("dec2", new ConvTranspose2d(f2, f1, 2, 2, 0, 0, init));
            dec1 = registerModule("dec1", new ConvTranspose2d(f1, channels, 2, 2, 0, 0, init));
        }
    }

    /** The decoder kind. */
    public Decoder decoder() {
        return decoder;
    }

    /** The reconstruction {@code sigmoid(logits(x))}, pixels in (0, 1). */
    @Override
    public Tensor forward(Tensor x) {
        return logits(x).sigmoid();
    }

    /**
     * The decoder's output before the sigmoid: train on it with BCE-with-logits, whose gradient
     * {@code sigmoid - target} does not vanish when a pixel saturates (an MSE on the sigmoid gets
     * stuck at an all-black output when the input is noisy).
     */
    public Tensor logits(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != channels || x.dim(2) % 4 != 0 || x.dim(3) % 4 != 0) {
            throw new ShapeException("ConvAutoencoder: expected images [N, " + channels
                    + ", H, W] with H and W multiples of 4, got " + x.shape());
        }
        Tensor a1 = enc1.forward(x).relu();
        Pooling.MaxPoolResult p1 = pool.forwardWithIndices(a1);
        Tensor a2 = enc2.forward(p1.output()).relu();
        Pooling.MaxPoolResult p2 = pool.forwardWithIndices(a2);
        if (decoder == Decoder.UNPOOL) {
            Tensor u2 = unpool.forward(p2.output(), p2.indices(), a2.dim(2), a2.dim(3));
            Tensor d2 = dec2.forward(u2).relu();
            Tensor u1 = unpool.forward(d2, p1.indices(), a1.dim(2), a1.dim(3));
            return dec1.forward(u1);
        }
        return dec1.forward(dec2.forward(p2.output()).relu());
    }

    @Override
    public String toString() {
        return "ConvAutoencoder(" + decoder.label() + ", filters " + f1 + "," + f2 + ")";
    }
}
