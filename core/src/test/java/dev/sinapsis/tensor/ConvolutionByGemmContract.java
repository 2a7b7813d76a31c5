package dev.sinapsis.tensor;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.Capabilities;
import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.ConvolutionByGemm;
import dev.sinapsis.conformance.BackendTestBase;
import dev.sinapsis.conformance.Naive;
import dev.sinapsis.nn.functional.Convolutions;
import org.junit.jupiter.api.Test;

/**
 * {@link ConvolutionByGemm} (the batched im2col + GEMM path a device backend takes for large
 * channel counts) on the backend under test, against the composite of {@link Convolutions} with
 * every capability disabled: the forward with bias, and both gradients of a random weighting of
 * the output, on a strided input, stride, padding, dilation and a rectangular kernel, F32 and F64.
 * (In this package for the tensors' views, which the public API does not hand out.)
 */
public abstract class ConvolutionByGemmContract extends BackendTestBase {
    private record Setup(int[] input, int filters, ConvGeometry g) {
    }

    private static final Setup[] SETUPS = {
        new Setup(new int[] {3, 2, 7, 6}, 5, new ConvGeometry(3, 2, 2, 1, 1, 0, 1, 2)),
        new Setup(new int[] {2, 3, 6, 6}, 4, ConvGeometry.square(3, 1, 1, 1)),
    };

    @Test
    void matchesTheCompositeForwardAndBackward() {
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            double tol = d == DType.F32 ? 1e-5 : 1e-12;
            long seed = 7;
            for (Setup s : SETUPS) {
                try (MemoryScope scope = MemoryScope.open()) {
                    check(s, d, seed++, tol);
                }
            }
        }
    }

    private void check(Setup s, DType d, long seed, double tol) {
        int[] in = s.input;
        ConvGeometry g = s.g;
        String what = "ConvolutionByGemm " + d + " " + java.util.Arrays.toString(in) + " " + g;
        // a transposed view: any strides
        Tensor x = Tensor.normal(new Generator(seed), Shape.of(in[0], in[1], in[3], in[2]), d, 0, 1).transpose(2, 3);
        Tensor w = Tensor.normal(new Generator(seed + 1), Shape.of(s.filters, in[1], g.kernelH(), g.kernelW()), d, 0, 1);
        Tensor bias = Tensor.normal(new Generator(seed + 2), Shape.of(s.filters), d, 0, 1);
        Tensor xg = x.detach().requiresGrad(true);
        Tensor wg = w.detach().requiresGrad(true);
        Tensor ref;
        Tensor r;
        try (Capabilities.Disabled off = Capabilities.disableAll()) {
            ref = Convolutions.conv2d(xg, wg, bias, new int[] {g.strideH(), g.strideW()},
                    new int[] {g.padH(), g.padW()}, new int[] {g.dilationH(), g.dilationW()});
            r = Tensor.normal(new Generator(seed + 3), ref.shape(), d, 0, 1);
            ref.mul(r).sum().backward();
        }
        Backend b = backend();
        Tensor out = Factories.empty(b, ref.shape(), d);
        ConvolutionByGemm.conv2d(b, out.view(), x.view(), w.view(), bias.view(), g);
        Naive.assertClose(what + " output", ref.toDoubleArray(), null, ref.shape().toArray(), out, tol);

        Tensor gx = Factories.empty(b, x.shape(), d);
        ConvolutionByGemm.conv2dInputGrad(b, gx.view(), r.view(), w.view(), g);
        Naive.assertClose(what + " input gradient", xg.grad().toDoubleArray(), null, x.shape().toArray(), gx, tol);

        Tensor gw = Factories.empty(b, w.shape(), d);
        ConvolutionByGemm.conv2dWeightGrad(b, gw.view(), r.view(), x.view(), g);
        Naive.assertClose(what + " weight gradient", wg.grad().toDoubleArray(), null, w.shape().toArray(), gw, tol);
    }
}
