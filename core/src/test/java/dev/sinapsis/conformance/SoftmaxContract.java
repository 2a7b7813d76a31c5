package dev.sinapsis.conformance;

import static dev.sinapsis.conformance.Naive.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.backend.SoftmaxOps;
import dev.sinapsis.conformance.Inputs.Input;
import dev.sinapsis.nn.functional.Activations;
import dev.sinapsis.nn.functional.Composites;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.FusedSoftmax;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A backend's fused softmax and log-softmax ({@link SoftmaxOps}) against the composite of
 * primitives they replace, on the same backend: rows of 1, 7, 33 and over 1000 elements, non-last
 * axes, transposed, sliced and expanded inputs, logits of ±1000 and -inf entries; gradients
 * compared with the composite's and checked by finite differences in F64. Skipped for a backend
 * without the fused path.
 */
public interface SoftmaxContract {

    /** A case: the input and the axis. */
    record Case(Input in, int axis) {
        @Override
        public String toString() {
            return in + " axis " + axis;
        }
    }

    static void assumeFused() {
        assumeTrue(dev.sinapsis.backend.Capabilities.find(Backends.current(), SoftmaxOps.class).isPresent(), Backends.current().name() + " has no fused softmax");
    }

    static List<Case> cases(DType d) {
        List<Case> out = new ArrayList<>();
        var dom = uniform(-4, 4);
        out.add(new Case(Inputs.input("[1]", 1, d, dom, 1), 0));
        out.add(new Case(Inputs.input("[5,1]", 2, d, dom, 5, 1), -1));
        out.add(new Case(Inputs.input("[7]", 3, d, dom, 7), 0));
        out.add(new Case(Inputs.input("[3,33]", 4, d, dom, 3, 33), 1));
        out.add(new Case(Inputs.input("[2,1031]", 5, d, dom, 2, 1031), -1));
        out.add(new Case(Inputs.input("[1,4099]", 6, d, dom, 1, 4099), 1));
        out.add(new Case(Inputs.input("[300,7]", 7, d, dom, 300, 7), 1));
        Input cube = Inputs.input("[3,5,7]", 8, d, dom, 3, 5, 7);
        for (int axis = 0; axis < 3; axis++) {
            out.add(new Case(cube, axis));
        }
        Input base = Inputs.input("", 9, d, dom, 37, 33);
        Input t = new Input("[37,33].t()", base.t().t(), null, new int[] {33, 37});
        out.add(new Case(t, -1));
        out.add(new Case(t, 0));
        Input wide = Inputs.input("", 10, d, dom, 5, 74);
        out.add(new Case(new Input("[5,74].slice(1,1,74,2)", wide.t().slice(1, 1, 74, 2), null, new int[] {5, 37}), 1));
        Input col = Inputs.input("", 11, d, dom, 7, 1);
        out.add(new Case(new Input("[7,1].expand(7,33)", col.t().expand(7, 33), null, new int[] {7, 33}), 1));
        out.add(new Case(new Input("[3,5,7].permute(2,0,1)", cube.t().permute(2, 0, 1), null, new int[] {7, 3, 5}), 2));
        out.add(new Case(Inputs.input("logits ±1000 [4,37]", 12, d, uniform(-1000, 1000), 4, 37), 1));
        out.add(new Case(Inputs.input("logits ±1000 [37,4]", 13, d, uniform(-1000, 1000), 37, 4), 0));
        double[] masked = Naive.sample(14, 3 * 9, uniform(-3, 3));
        for (int i = 0; i < masked.length; i += 4) {
            masked[i] = Double.NEGATIVE_INFINITY; // attention-style masking; every row keeps a finite entry
        }
        out.add(new Case(new Input("with -inf [3,9]", Naive.tensor(masked, d, 3, 9), masked, new int[] {3, 9}), 1));
        return out;
    }

    @Test
    default void fusedSoftmaxMatchesTheComposite() {
        assumeFused();
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            for (Case c : cases(d)) {
                assertTrue(FusedSoftmax.available(c.in.t()), "the fused path applies to " + c);
                Tensor ref = Composites.softmax(c.in.t(), c.axis);
                Tensor got = Activations.softmax(c.in.t(), c.axis);
                Naive.assertClose("softmax " + d + " " + c, ref.toDoubleArray(), ref.shape().toArray(), got,
                        Naive.tol(d));
                Tensor sums = got.sum(new int[] {c.axis}, false);
                for (double s : sums.toDoubleArray()) {
                    assertEquals(1, s, d == DType.F32 ? 1e-5 : 1e-12, "softmax rows sum to 1: " + d + " " + c);
                }
                Tensor lref = Composites.logSoftmax(c.in.t(), c.axis);
                Tensor lgot = Activations.logSoftmax(c.in.t(), c.axis);
                // x - logsumexp(x) rounds at the magnitude of the row's largest logit (the composite more so)
                double[] scale = Tensor.where(c.in.t().abs().lt(Double.POSITIVE_INFINITY), c.in.t(), 0.0).abs()
                        .max(new int[] {c.axis}, true).expand(c.in.t().shape().toArray())
                        .toDoubleArray();
                Naive.assertClose("logSoftmax " + d + " " + c, lref.toDoubleArray(), scale, lref.shape().toArray(),
                        lgot, Naive.tol(d));
            }
        }
    }

    @Test
    default void fusedGradientsMatchTheComposite() {
        assumeFused();
        for (DType d : new DType[] {DType.F32, DType.F64}) {
            for (Case c : cases(d)) {
                for (boolean log : new boolean[] {false, true}) {
                    Tensor w = Tensor.normal(new Generator(c.toString().hashCode()), c.in.t().shape(), d, 0, 1);
                    double[] ref = grad(c, w, log, true);
                    double[] got = grad(c, w, log, false);
                    String what = (log ? "logSoftmax" : "softmax") + " gradient " + d + " " + c;
                    Naive.assertClose(what, ref, c.in.t().shape().toArray(), Naive.tensor(got, DType.F64,
                            c.in.t().shape().toArray()), d == DType.F32 ? 1e-4 : 1e-10);
                }
            }
        }
    }

    private static double[] grad(Case c, Tensor w, boolean log, boolean composite) {
        Tensor x = c.in.t().detach().requiresGrad(true);
        Tensor y = composite
                ? (log ? Composites.logSoftmax(x, c.axis) : Composites.softmax(x, c.axis))
                : (log ? Activations.logSoftmax(x, c.axis) : Activations.softmax(x, c.axis));
        if (!composite) {
            assertEquals(log ? "logSoftmax" : "softmax", y.gradFn().name(), "the fused op is on the tape");
        }
        // masked (-inf) logits have softmax 0 and get no gradient through either form
        y.mul(w).sum().backward();
        return x.grad().toDoubleArray();
    }

    @Test
    default void fusedPathPassesGradCheck() {
        assumeFused();
        Tensor x = GradientContract.f64(21, uniform(-3, 3), 3, 5);
        Tensor row1 = GradientContract.f64(22, uniform(-3, 3), 4, 1);
        Tensor longer = GradientContract.f64(23, uniform(-3, 3), 2, 40);
        Tensor cube = GradientContract.f64(24, uniform(-3, 3), 2, 3, 4);
        for (boolean log : new boolean[] {false, true}) {
            String n = log ? "fused logSoftmax" : "fused softmax";
            java.util.function.BiFunction<Tensor, Integer, Tensor> f = log ? Activations::logSoftmax : Activations::softmax;
            GradientContract.check(n + " [3,5] axis -1", in -> f.apply(in[0], -1), x);
            GradientContract.check(n + " [3,5] axis 0", in -> f.apply(in[0], 0), x);
            GradientContract.check(n + " [3,5].t() axis -1", in -> f.apply(in[0].t(), -1), x);
            GradientContract.check(n + " [4,1] axis -1", in -> f.apply(in[0], -1), row1);
            GradientContract.check(n + " [2,40] axis 1", in -> f.apply(in[0], 1), longer);
            GradientContract.check(n + " [2,3,4] axis 1", in -> f.apply(in[0], 1), cube);
            GradientContract.check(n + " of logits x300", in -> f.apply(in[0].mul(300), -1), x);
        }
    }
}
