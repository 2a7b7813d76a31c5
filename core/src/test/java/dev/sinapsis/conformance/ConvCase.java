package dev.sinapsis.conformance;

import dev.sinapsis.backend.Capability;
import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.ConvolutionOps;
import dev.sinapsis.conformance.CapabilityCase.Output;
import dev.sinapsis.nn.functional.Convolutions;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ConvolutionOps} through {@link Convolutions#conv2d} and {@link Convolutions#convTranspose2d}
 * (which runs the same kernels with the roles swapped): odd plane sizes, one and several input
 * channels, stride 2, padding, dilation and rectangular kernels, more filters than one block, with
 * and without bias, a strided (transposed) input, an offset (channel-sliced) input, a strided weight,
 * and windows covering the whole input (one output pixel, as in a DCGAN's first and last layers).
 * Each geometry is run once per gradient, differentiating with respect to the input, the weight,
 * the bias, and the weight and bias together (the contract compares the gradient of the example's
 * input), so every gradient of the fused path is compared with the composite's, the bias gradient
 * also where a backend sums it in the weight gradient's pass.
 */
final class ConvCase implements CapabilityCase {
    /**
     * Input shape {N, C, H, W}, filters, kernel {kH, kW} and geometry; {@code sliced}: the input is
     * channels 1..C of a larger tensor (an offset view whose batch stride is not C*H*W).
     */
    private record Setup(String name, int[] input, int filters, ConvGeometry g, boolean sliced) {
        Setup(String name, int[] input, int filters, ConvGeometry g) {
            this(name, input, filters, g, false);
        }
    }

    private static final List<Setup> SETUPS = List.of(
            new Setup("C=1 k3", new int[] {2, 1, 9, 7}, 4, ConvGeometry.square(3, 1, 0, 1)),
            new Setup("C=3 k3 s2 p1", new int[] {2, 3, 7, 8}, 5, ConvGeometry.square(3, 2, 1, 1)),
            new Setup("C=2 k2x3 s2x1 p1x0 d1x2", new int[] {3, 2, 7, 9}, 3, new ConvGeometry(2, 3, 2, 1, 1, 0, 1, 2)),
            new Setup("C=2 k5 p2 d2", new int[] {1, 2, 9, 9}, 3, ConvGeometry.square(5, 1, 2, 2)),
            new Setup("C=3 k1", new int[] {2, 3, 5, 5}, 2, ConvGeometry.square(1, 1, 0, 1)),
            // more filters than one block of a work-item (the device kernels compute 4), the last partial
            new Setup("C=3 O=6 k3 p1 sliced", new int[] {2, 3, 5, 4}, 6, ConvGeometry.square(3, 1, 1, 1), true),
            // the window covers the whole input (one output pixel: a fully connected layer, as at the
            // end of a DCGAN discriminator), with a stride that changes nothing, on a channel slice
            new Setup("C=3 O=4 k4x3 s2 whole image sliced", new int[] {3, 3, 4, 3}, 4,
                    new ConvGeometry(4, 3, 2, 2, 0, 0, 1, 1), true));

    /**
     * Channel counts that fill whole vectors and leave partial ones (a backend may switch to another
     * kernel above some channel count: the CPU's direct convolution puts channels in the vector lanes):
     * 20, 33 and 12 filters, 16, 17 and 12 input channels, stride 2 (and 2x3 with dilation: the strided input gradient's phases, some without taps),
     * dilation, a rectangular kernel, a row of 16 outputs. Compared
     * with the composite in F32 and F64; too large for the F64 finite differences, which the small
     * setups above cover.
     */
    private static final List<Setup> WIDE = List.of(
            new Setup("C=16 O=20 k3 s2 p1", new int[] {2, 16, 7, 6}, 20, ConvGeometry.square(3, 2, 1, 1)),
            new Setup("C=17 O=33 k5 p2", new int[] {2, 17, 6, 7}, 33, ConvGeometry.square(5, 1, 2, 1)),
            new Setup("C=12 O=10 k3x4 s2x3 p2x1 d2x1", new int[] {2, 12, 9, 11}, 10, new ConvGeometry(3, 4, 2, 3, 2, 1, 2, 1)),
            new Setup("C=12 O=12 k3x2 p1x0 d2x1 sliced", new int[] {2, 12, 6, 17}, 12,
                    new ConvGeometry(3, 2, 1, 1, 1, 0, 2, 1), true),
            new Setup("C=16 O=20 k3 whole image", new int[] {3, 16, 3, 3}, 20, ConvGeometry.square(3, 1, 0, 1)));

    @Override
    public Class<? extends Capability> type() {
        return ConvolutionOps.class;
    }

    private static Tensor[] conv(Tensor x, Tensor w, Tensor b, ConvGeometry g) {
        return new Tensor[] {Convolutions.conv2d(x, w, b, new int[] {g.strideH(), g.strideW()},
                new int[] {g.padH(), g.padW()}, new int[] {g.dilationH(), g.dilationW()})};
    }

    /** The three examples of one setup: gradients of the input, the weight and the bias. */
    private static List<Example> examples(Setup s, DType d, long seed, boolean transposedX, boolean withBias,
                                          double tol, double gradTol) {
        int[] in = s.input;
        int c = s.sliced ? in[1] + 1 : in[1];
        Tensor full = transposedX
                ? Tensor.normal(new Generator(seed), Shape.of(in[0], c, in[3], in[2]), d, 0, 1).transpose(2, 3)
                : Tensor.normal(new Generator(seed), Shape.of(in[0], c, in[2], in[3]), d, 0, 1);
        Tensor x = s.sliced ? full.narrow(1, 1, in[1]) : full;
        ConvGeometry g = s.g;
        // the weight is a transposed view too: the fused path must not assume its strides
        Tensor w = Tensor.normal(new Generator(seed + 1), Shape.of(s.filters, in[1], g.kernelW(), g.kernelH()), d, 0, 1)
                .transpose(2, 3);
        Tensor b = withBias ? Tensor.normal(new Generator(seed + 2), Shape.of(s.filters), d, 0, 1) : null;
        String name = "conv2d " + d + " " + s.name + " x" + x.shape() + (transposedX ? " (transposed)" : "")
                + (s.sliced ? " (channel slice)" : "")
                + (withBias ? " +bias" : "");
        List<Output> outs = List.of(Output.close("output", tol));
        List<Example> out = new ArrayList<>();
        out.add(new Example(name + " d/dx", x, in2 -> conv(in2, w, b, g), outs, gradTol));
        out.add(new Example(name + " d/dweight", w, in2 -> conv(x, in2, b, g), outs, gradTol));
        if (withBias) {
            out.add(new Example(name + " d/dbias", b, in2 -> conv(x, w, in2, g), outs, gradTol));
            // weight and bias from one parameter vector, so both need a gradient in the same backward
            // (a backend may sum the bias gradient in the weight gradient's pass)
            int weights = w.shape().numel();
            Tensor both = Tensor.concat(0, w.contiguous().reshape(weights), b);
            out.add(new Example(name + " d/d(weight, bias)", both, in2 -> conv(x,
                    in2.narrow(0, 0, weights).reshape(w.shape().toArray()), in2.narrow(0, weights, s.filters), g),
                    outs, gradTol));
        }
        return out;
    }

    /** Transposed convolutions: input {N, Cin, H, W}, Cout, geometry and output padding {h, w}. */
    private record TransposedSetup(String name, int[] input, int filters, ConvGeometry g, int[] outputPadding) {
    }

    private static final List<TransposedSetup> TRANSPOSED = List.of(
            new TransposedSetup("Cin=3 k4 s2 p1", new int[] {2, 3, 4, 5}, 2, ConvGeometry.square(4, 2, 1, 1),
                    new int[] {0, 0}),
            new TransposedSetup("Cin=1 k3 s2 p1 op1x0 d1x2", new int[] {2, 1, 5, 4}, 3,
                    new ConvGeometry(3, 3, 2, 2, 1, 1, 1, 2), new int[] {1, 0}),
            new TransposedSetup("Cin=2 k3 s1 p0", new int[] {1, 2, 5, 6}, 2, ConvGeometry.square(3, 1, 0, 1),
                    new int[] {0, 0}),
            // a 1x1 input projected to the kernel's size (a DCGAN generator's first layer)
            new TransposedSetup("Cin=5 1x1 k3x2", new int[] {3, 5, 1, 1}, 4, new ConvGeometry(3, 2, 1, 1, 0, 0, 1, 1),
                    new int[] {0, 0}));

    /** Transposed convolutions with as many channels as a generator's layers (see {@link #WIDE}). */
    private static final List<TransposedSetup> WIDE_TRANSPOSED = List.of(
            new TransposedSetup("Cin=16 k4 s2 p1", new int[] {2, 16, 4, 3}, 8, ConvGeometry.square(4, 2, 1, 1),
                    new int[] {0, 0}),
            new TransposedSetup("Cin=16 k3 s1 p1", new int[] {2, 16, 5, 4}, 17, ConvGeometry.square(3, 1, 1, 1),
                    new int[] {0, 0}),
            new TransposedSetup("Cin=20 1x1 k4x3", new int[] {3, 20, 1, 1}, 16, new ConvGeometry(4, 3, 1, 1, 0, 0, 1, 1),
                    new int[] {0, 0}));

    private static List<Example> transposedExamples(TransposedSetup s, DType d, long seed, double tol) {
        int[] in = s.input;
        ConvGeometry g = s.g;
        Tensor x = Tensor.normal(new Generator(seed), Shape.of(in[0], in[1], in[3], in[2]), d, 0, 1).transpose(2, 3);
        Tensor w = Tensor.normal(new Generator(seed + 1), Shape.of(in[1], s.filters, g.kernelH(), g.kernelW()), d, 0, 1);
        Tensor b = Tensor.normal(new Generator(seed + 2), Shape.of(s.filters), d, 0, 1);
        java.util.function.BiFunction<Tensor, Tensor, Tensor[]> f = (xx, ww) -> new Tensor[] {
            Convolutions.convTranspose2d(xx, ww, b, new int[] {g.strideH(), g.strideW()}, new int[] {g.padH(), g.padW()},
                    s.outputPadding, new int[] {g.dilationH(), g.dilationW()})};
        String name = "convTranspose2d " + d + " " + s.name + " x" + x.shape() + " (transposed view)";
        List<Output> outs = List.of(Output.close("output", tol));
        return List.of(new Example(name + " d/dx", x, in2 -> f.apply(in2, w), outs, tol),
                new Example(name + " d/dweight", w, in2 -> f.apply(x, in2), outs, tol));
    }

    @Override
    public List<Example> examples(DType d) {
        double tol = d == DType.F32 ? 1e-5 : 1e-12;
        List<Example> out = new ArrayList<>();
        long seed = 11;
        for (Setup s : SETUPS) {
            out.addAll(examples(s, d, seed, false, true, tol, tol));
            out.addAll(examples(s, d, seed + 5, true, seed % 2 == 1, tol, tol));
            seed += 10;
        }
        for (TransposedSetup s : TRANSPOSED) {
            out.addAll(transposedExamples(s, d, seed, tol));
            seed += 10;
        }
        // up to 825-term sums of N(0,1) products, reaching |40|, added in another order than the
        // composite's: F32 rounding alone differs by ~2e-5 there (half-ulp * sqrt(terms) * |partial sums|)
        double wideTol = d == DType.F32 ? 2e-4 : 1e-12;
        for (Setup s : WIDE) {
            out.addAll(examples(s, d, seed, seed % 20 == 1, true, wideTol, wideTol));
            seed += 10;
        }
        for (TransposedSetup s : WIDE_TRANSPOSED) {
            out.addAll(transposedExamples(s, d, seed, wideTol));
            seed += 10;
        }
        return out;
    }

    @Override
    public List<Example> gradCheckExamples() {
        List<Example> out = new ArrayList<>();
        long seed = 101;
        for (Setup s : SETUPS) {
            out.addAll(examples(s, DType.F64, seed, seed % 20 == 1, true, 1e-12, 1e-12));
            seed += 10;
        }
        for (TransposedSetup s : TRANSPOSED) {
            out.addAll(transposedExamples(s, DType.F64, seed, 1e-12));
            seed += 10;
        }
        return out;
    }
}
