package dev.sinapsis.conformance;

import static dev.sinapsis.conformance.Naive.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sinapsis.backend.BatchNormOps;
import dev.sinapsis.backend.Capability;
import dev.sinapsis.conformance.CapabilityCase.Output;
import dev.sinapsis.nn.functional.BatchNormalization;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * {@link BatchNormOps} through {@link BatchNormalization#batchNorm} in training mode: {@code [N, C]}
 * (one value per image and channel; with fewer channels than a vector holds, and with more and a
 * tail), {@code [N, C, L]} and {@code [N, C, H, W]} with runs shorter than
 * a vector, with a vector tail, and longer than the F32 summing block (1024), inputs far from zero
 * (the variance then comes from small deviations), transposed and permuted inputs, with weight and
 * bias, weight only and neither. Each input is differentiated with respect to the input, the weight
 * and the bias; the running mean and variance the call updates are compared as outputs too.
 */
final class BatchNormCase implements CapabilityCase {
    @Override
    public Class<? extends Capability> type() {
        return BatchNormOps.class;
    }

    /** An input {@code x} (possibly a view) and which affine parameters the call gets. */
    private record Setup(String name, Tensor x, boolean weight, boolean bias) {
    }

    private static List<Setup> setups(DType d) {
        DoubleUnaryOperator dom = uniform(-3, 3);
        List<Setup> out = new ArrayList<>();
        out.add(new Setup("[7,5]", Inputs.input("", 1, d, dom, 7, 5).t(), true, true));
        out.add(new Setup("[5,7].t()", Inputs.input("", 2, d, dom, 5, 7).t().t(), true, true));
        // more channels than a vector holds, and a tail: the CPU takes [N, C] a vector of channels at a time
        out.add(new Setup("[9,37]", Inputs.input("", 8, d, dom, 9, 37).t(), true, true));
        out.add(new Setup("[6,20] around 50", Inputs.input("", 9, d, uniform(49, 51), 6, 20).t(), false, true));
        out.add(new Setup("[4,3,37]", Inputs.input("", 3, d, dom, 4, 3, 37).t(), true, false));
        out.add(new Setup("[3,4,7,9]", Inputs.input("", 4, d, dom, 3, 4, 7, 9).t(), false, false));
        out.add(new Setup("[2,3,40,40]", Inputs.input("", 5, d, dom, 2, 3, 40, 40).t(), true, true));
        out.add(new Setup("[6,2,5,5] around 50", Inputs.input("", 6, d, uniform(49, 51), 6, 2, 5, 5).t(), true, true));
        out.add(new Setup("[3,5,4,6].permute(0,3,1,2)", Inputs.input("", 7, d, dom, 3, 5, 4, 6).t().permute(0, 3, 1, 2),
                true, true));
        return out;
    }

    /** The affine parameters of {@code x}'s channel count (fixed values, so every run gets the same). */
    private static Tensor parameter(int c, DType d, long seed, double lo, double hi) {
        return Inputs.input("", seed, d, uniform(lo, hi), c).t();
    }

    /** {@code batchNorm} in training mode, with fresh running statistics: {y, running mean, running var}. */
    private static Tensor[] run(Tensor x, Tensor w, Tensor b) {
        int c = x.dim(1);
        Tensor runningMean = Tensor.zeros(Shape.of(c), x.dtype());
        Tensor runningVar = Tensor.ones(Shape.of(c), x.dtype());
        Tensor y = BatchNormalization.batchNorm(x, runningMean, runningVar, w, b, true, 0.1, 1e-5);
        return new Tensor[] {y, runningMean, runningVar};
    }

    /**
     * The examples of one setup; {@code withRunning}: the running statistics are outputs too (not for
     * finite differences: they are updated outside the tape, so they have no gradient but do move).
     */
    private static List<Example> examples(Setup s, DType d, double tol, double gradTol, boolean withRunning) {
        Tensor x = s.x();
        int c = x.dim(1);
        Tensor w = s.weight() ? parameter(c, d, 100 + c, 0.5, 2) : null;
        Tensor b = s.bias() ? parameter(c, d, 200 + c, -1, 1) : null;
        String name = "batchNorm " + d + " " + s.name() + (w != null ? " +weight" : "") + (b != null ? " +bias" : "");
        List<Output> outs = withRunning ? List.of(Output.close("output", tol), Output.close("running mean", tol),
                Output.close("running var", tol)) : List.of(Output.close("output", tol));
        java.util.function.Function<Tensor[], Tensor[]> pick = withRunning ? o -> o : o -> new Tensor[] {o[0]};
        List<Example> out = new ArrayList<>();
        out.add(new Example(name + " d/dx", x, in -> pick.apply(run(in, w, b)), outs, gradTol, o -> {
            // the output of a channel has mean bias and (biased) variance weight² · var/(var+eps)
            double[] means = o[0].mean(reduced(x.rank()), false).toDoubleArray();
            for (int ch = 0; ch < c; ch++) {
                double expected = b == null ? 0 : b.toDoubleArray()[ch];
                assertEquals(expected, means[ch], d == DType.F32 ? 1e-4 : 1e-9, name + ": channel " + ch + "'s mean");
            }
        }));
        if (w != null) {
            out.add(new Example(name + " d/dweight", w, in -> pick.apply(run(x, in, b)), outs, gradTol));
        }
        if (b != null) {
            out.add(new Example(name + " d/dbias", b, in -> pick.apply(run(x, w, in)), outs, gradTol));
        }
        return out;
    }

    private static int[] reduced(int rank) {
        int[] axes = new int[rank - 1];
        axes[0] = 0;
        for (int i = 2; i < rank; i++) {
            axes[i - 1] = i;
        }
        return axes;
    }

    @Override
    public List<Example> examples(DType d) {
        // normalised values of a few units; F32 sums of up to 4800 values in another order than the composite's
        double tol = d == DType.F32 ? 1e-4 : 1e-10;
        List<Example> out = new ArrayList<>();
        for (Setup s : setups(d)) {
            out.addAll(examples(s, d, tol, tol, true));
        }
        return out;
    }

    @Override
    public List<Example> gradCheckExamples() {
        List<Example> out = new ArrayList<>();
        DoubleUnaryOperator dom = uniform(-2, 2);
        out.addAll(examples(new Setup("[4,3]", GradientContract.f64(31, dom, 4, 3), true, true), DType.F64, 1e-12, 1e-10, false));
        out.addAll(examples(new Setup("[2,3,5]", GradientContract.f64(32, dom, 2, 3, 5), false, true), DType.F64, 1e-12,
                1e-10, false));
        out.addAll(examples(new Setup("[2,2,3,3]", GradientContract.f64(33, dom, 2, 2, 3, 3), true, false), DType.F64,
                1e-12, 1e-10, false));
        return out;
    }
}
