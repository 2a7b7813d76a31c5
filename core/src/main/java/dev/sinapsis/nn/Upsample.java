package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Pooling;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;

/**
 * Nearest-neighbour upsampling by integer factors (PyTorch's {@code nn.Upsample(scale_factor=s,
 * mode="nearest")}): {@code [N, C, H, W] -> [N, C, H*sH, W*sW]}.
 */
public final class Upsample extends Module {
    private final int scaleH;
    private final int scaleW;

    /** The same factor on both axes. */
    public Upsample(int scale) {
        this(scale, scale);
    }

    /** Factors per axis. */
    public Upsample(int scaleH, int scaleW) {
        if (scaleH <= 0 || scaleW <= 0) {
            throw new IllegalArgumentException("Upsample: scale factors must be positive, got " + scaleH + "x" + scaleW);
        }
        this.scaleH = scaleH;
        this.scaleW = scaleW;
    }

    @Override
    public Tensor forward(Tensor input) {
        checkImage("Upsample", input);
        return Pooling.upsampleNearest(input, scaleH, scaleW);
    }

    @Override
    public String toString() {
        return "Upsample(scale=" + (scaleH == scaleW ? Integer.toString(scaleH) : scaleH + "x" + scaleW)
                + ", mode=nearest)";
    }

    /** Throws a shape error naming {@code layer} unless {@code input} is {@code [N, C, H, W]}. */
    static void checkImage(String layer, Tensor input) {
        if (input.rank() != 4) {
            throw new ShapeException(layer + ": expected input [N, C, H, W], got " + input.shape());
        }
    }
}
