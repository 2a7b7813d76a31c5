package dev.sinapsis.conformance;

import static dev.sinapsis.conformance.Naive.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sinapsis.backend.Capability;
import dev.sinapsis.backend.SoftmaxOps;
import dev.sinapsis.conformance.CapabilityCase.Output;
import dev.sinapsis.conformance.Inputs.Input;
import dev.sinapsis.nn.functional.Activations;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@link SoftmaxOps} through {@link Activations#softmax} and {@link Activations#logSoftmax}: rows of
 * 1, 7, 33 and over 1000 elements, a single long row and many short ones, every axis of a cube,
 * transposed, sliced, expanded and permuted inputs, logits of ±1000 and rows with -inf entries.
 */
final class SoftmaxCase implements CapabilityCase {
    @Override
    public Class<? extends Capability> type() {
        return SoftmaxOps.class;
    }

    /** An input and the axis to normalise along. */
    private record Along(Input in, int axis) {
    }

    /** The inputs and axes, in {@code d}. */
    private static List<Along> inputs(DType d) {
        List<Along> out = new ArrayList<>();
        var dom = uniform(-4, 4);
        out.add(new Along(Inputs.input("[1]", 1, d, dom, 1), 0));
        out.add(new Along(Inputs.input("[5,1]", 2, d, dom, 5, 1), -1));
        out.add(new Along(Inputs.input("[7]", 3, d, dom, 7), 0));
        out.add(new Along(Inputs.input("[3,33]", 4, d, dom, 3, 33), 1));
        out.add(new Along(Inputs.input("[2,1031]", 5, d, dom, 2, 1031), -1));
        out.add(new Along(Inputs.input("[1,4099]", 6, d, dom, 1, 4099), 1));
        out.add(new Along(Inputs.input("[300,7]", 7, d, dom, 300, 7), 1));
        Input cube = Inputs.input("[3,5,7]", 8, d, dom, 3, 5, 7);
        for (int axis = 0; axis < 3; axis++) {
            out.add(new Along(cube, axis));
        }
        Input base = Inputs.input("", 9, d, dom, 37, 33);
        Input t = new Input("[37,33].t()", base.t().t(), null, new int[] {33, 37});
        out.add(new Along(t, -1));
        out.add(new Along(t, 0));
        Input wide = Inputs.input("", 10, d, dom, 5, 74);
        out.add(new Along(new Input("[5,74].slice(1,1,74,2)", wide.t().slice(1, 1, 74, 2), null,
                new int[] {5, 37}), 1));
        Input col = Inputs.input("", 11, d, dom, 7, 1);
        out.add(new Along(new Input("[7,1].expand(7,33)", col.t().expand(7, 33), null, new int[] {7, 33}), 1));
        out.add(new Along(new Input("[3,5,7].permute(2,0,1)", cube.t().permute(2, 0, 1), null,
                new int[] {7, 3, 5}), 2));
        out.add(new Along(Inputs.input("logits ±1000 [4,37]", 12, d, uniform(-1000, 1000), 4, 37), 1));
        out.add(new Along(Inputs.input("logits ±1000 [37,4]", 13, d, uniform(-1000, 1000), 37, 4), 0));
        double[] masked = Naive.sample(14, 3 * 9, uniform(-3, 3));
        for (int i = 0; i < masked.length; i += 4) {
            masked[i] = Double.NEGATIVE_INFINITY; // attention-style masking; every row keeps a finite entry
        }
        out.add(new Along(new Input("with -inf [3,9]", Naive.tensor(masked, d, 3, 9), masked,
                new int[] {3, 9}), 1));
        return out;
    }

    @Override
    public List<Example> examples(DType d) {
        double tol = Naive.tol(d);
        double gradTol = d == DType.F32 ? 1e-4 : 1e-10;
        List<Example> out = new ArrayList<>();
        for (Along c : inputs(d)) {
            Input in = c.in();
            int axis = c.axis();
            String where = d + " " + in + " axis " + axis;
            out.add(new Example("softmax " + where, in.t(), x -> new Tensor[] {Activations.softmax(x, axis)},
                    List.of(Output.close("softmax", tol)), gradTol, outs -> {
                        // each row sums to 1
                        for (double s : outs[0].sum(new int[] {axis}, false).toDoubleArray()) {
                            assertEquals(1, s, d == DType.F32 ? 1e-5 : 1e-12, "softmax rows sum to 1: " + where);
                        }
                    }));
            // x - logsumexp(x) rounds at the magnitude of the row's largest finite logit (the composite more so)
            Function<Tensor, double[]> rowScale = x -> Tensor.where(x.abs().lt(Double.POSITIVE_INFINITY), x, 0.0).abs()
                    .max(new int[] {axis}, true).expand(x.shape().toArray()).toDoubleArray();
            out.add(new Example("logSoftmax " + where, in.t(), x -> new Tensor[] {Activations.logSoftmax(x, axis)},
                    List.of(new Output("logSoftmax", tol, rowScale)), gradTol));
        }
        return out;
    }

    @Override
    public List<Example> gradCheckExamples() {
        Tensor x = GradientContract.f64(21, uniform(-3, 3), 3, 5);
        Tensor row1 = GradientContract.f64(22, uniform(-3, 3), 4, 1);
        Tensor longer = GradientContract.f64(23, uniform(-3, 3), 2, 40);
        Tensor cube = GradientContract.f64(24, uniform(-3, 3), 2, 3, 4);
        List<Example> out = new ArrayList<>();
        for (boolean log : new boolean[] {false, true}) {
            String n = log ? "logSoftmax" : "softmax";
            java.util.function.BiFunction<Tensor, Integer, Tensor> f = log ? Activations::logSoftmax : Activations::softmax;
            out.add(example(n + " [3,5] axis -1", x, in -> f.apply(in, -1)));
            out.add(example(n + " [3,5] axis 0", x, in -> f.apply(in, 0)));
            out.add(example(n + " [3,5].t() axis -1", x, in -> f.apply(in.t(), -1)));
            out.add(example(n + " [4,1] axis -1", row1, in -> f.apply(in, -1)));
            out.add(example(n + " [2,40] axis 1", longer, in -> f.apply(in, 1)));
            out.add(example(n + " [2,3,4] axis 1", cube, in -> f.apply(in, 1)));
            out.add(example(n + " of logits x300", x, in -> f.apply(in.mul(300), -1)));
        }
        return out;
    }

    private static Example example(String name, Tensor x, Function<Tensor, Tensor> f) {
        return new Example(name, x, in -> new Tensor[] {f.apply(in)}, List.of(Output.close(name, 1e-12)), 1e-10);
    }
}
