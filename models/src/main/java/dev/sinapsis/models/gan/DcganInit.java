package dev.sinapsis.models.gan;

import dev.sinapsis.nn.BatchNorm;
import dev.sinapsis.nn.Conv2d;
import dev.sinapsis.nn.ConvTranspose2d;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.init.Init;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;

/**
 * The initialisation of Radford et al. 2015 (and of PyTorch's DCGAN example): convolution kernels
 * from N(0, 0.02), batch-norm scales from N(1, 0.02), biases 0.
 */
final class DcganInit {
    private DcganInit() {
    }

    static void apply(Module m, Generator gen) {
        if (m instanceof Conv2d c) {
            normal(c.weight(), 0, gen);
            zero(c.bias());
        } else if (m instanceof ConvTranspose2d c) {
            normal(c.weight(), 0, gen);
            zero(c.bias());
        } else if (m instanceof BatchNorm b) {
            normal(b.weight(), 1, gen);
            zero(b.bias());
        }
        m.children().values().forEach(child -> apply(child, gen));
    }

    private static void normal(Tensor w, double mean, Generator gen) {
        Init.assign(w, Tensor.normal(gen, w.shape(), w.dtype(), mean, 0.02));
    }

    private static void zero(Tensor b) {
        if (b != null) {
            Init.assign(b, Tensor.zeros(b.shape(), b.dtype()));
        }
    }
}
