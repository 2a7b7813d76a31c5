package dev.sinapsis.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Capability;
import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.PoolingOps;
import dev.sinapsis.conformance.CapabilityCase.Output;
import dev.sinapsis.nn.functional.Pooling;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PoolingOps} through {@link Pooling#maxPool2dWithIndices}: output and indices on odd plane
 * sizes with strides, padding (which never wins) and dilation on either axis, a strided
 * (transposed) input, ReLU outputs full of tied zeros (the first element of the window wins) and a
 * NaN (which wins); the gradient scattered back through the indices, where overlapping windows
 * add several contributions into one element.
 */
final class MaxPoolCase implements CapabilityCase {
    /** Kernel, stride, padding and dilation, per axis where they differ. */
    private static final ConvGeometry[] GEOMETRIES = {
        ConvGeometry.square(2, 2, 0, 1),
        ConvGeometry.square(3, 2, 1, 1),
        new ConvGeometry(3, 2, 1, 2, 1, 1, 1, 1),
        ConvGeometry.square(2, 1, 1, 2),
        ConvGeometry.square(1, 1, 0, 1),
    };

    @Override
    public Class<? extends Capability> type() {
        return PoolingOps.class;
    }

    private static Tensor[] pool(Tensor x, ConvGeometry g) {
        Pooling.MaxPoolResult r = Pooling.maxPool2dWithIndices(x, new int[] {g.kernelH(), g.kernelW()},
                new int[] {g.strideH(), g.strideW()}, new int[] {g.padH(), g.padW()},
                new int[] {g.dilationH(), g.dilationW()});
        return new Tensor[] {r.output(), r.indices()};
    }

    private static String describe(ConvGeometry g) {
        return "k" + g.kernelH() + "x" + g.kernelW() + " s" + g.strideH() + "x" + g.strideW() + " p" + g.padH() + "x"
                + g.padW() + " d" + g.dilationH() + "x" + g.dilationW();
    }

    private static Example example(String name, Tensor x, ConvGeometry g, double tol) {
        // overlapping windows add several gradients into one element, in another order than the
        // composite's col2im: equal up to rounding
        return new Example("maxPool2d " + name + " " + describe(g), x, in -> pool(in, g),
                List.of(Output.exact("output"), Output.exact("indices")), tol);
    }

    @Override
    public List<Example> examples(DType d) {
        double tol = d == DType.F32 ? 1e-6 : 1e-12;
        List<Example> out = new ArrayList<>();
        Tensor x = Tensor.normal(new Generator(3), Shape.of(2, 3, 9, 7), d, 0, 1);
        Tensor relu = Tensor.normal(new Generator(4), Shape.of(1, 2, 8, 8), d, 0, 1).relu();
        for (ConvGeometry g : GEOMETRIES) {
            out.add(example(d + " [2,3,9,7]", x, g, tol));
            out.add(example(d + " [2,3,9,7].transpose(2,3)", x.transpose(2, 3), g, tol));
            out.add(example(d + " relu [1,2,8,8] (ties)", relu, g, tol));
        }
        double[] v = new double[16];
        v[5] = Double.NaN;
        v[6] = 3;
        Tensor withNaN = Naive.tensor(v, d, 1, 1, 4, 4);
        ConvGeometry g = ConvGeometry.square(2, 2, 0, 1);
        out.add(new Example("maxPool2d " + d + " with NaN " + describe(g), withNaN, in -> pool(in, g),
                List.of(Output.exact("output"), Output.exact("indices")), tol,
                outs -> assertTrue(Double.isNaN(outs[0].toDoubleArray()[0]), "NaN wins its window")));
        // rows of 35 windows: wider than a vector of windows (a backend may pool 2x2 windows a vector at
        // a time: whole chunks, a partial one, the plane's last row), with tied zeros, signed zeros and
        // NaNs inside a chunk, in a top and in a bottom row
        double[] w = Tensor.normal(new Generator(6), Shape.of(2, 3, 6, 70), DType.F64, 0, 1).relu().toDoubleArray();
        for (int i = 3; i < w.length; i += 29) {
            w[i] = -0.0;
        }
        w[2 * 70 + 41] = Double.NaN;
        w[4 * 6 * 70 + 70 + 5] = Double.NaN;
        out.add(new Example("maxPool2d " + d + " [2,3,6,70] (ties, NaNs) " + describe(g), Naive.tensor(w, d, 2, 3, 6, 70),
                in -> pool(in, g), List.of(Output.exact("output"), Output.exact("indices")), tol));
        return out;
    }

    @Override
    public List<Example> gradCheckExamples() {
        Tensor x = Tensor.normal(new Generator(5), Shape.of(2, 2, 7, 6), DType.F64, 0, 1);
        List<Example> out = new ArrayList<>();
        for (ConvGeometry g : GEOMETRIES) {
            out.add(example("F64 [2,2,7,6]", x, g, 1e-12));
        }
        return out;
    }
}
