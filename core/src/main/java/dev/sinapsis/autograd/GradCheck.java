package dev.sinapsis.autograd;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.Locale;
import java.util.function.Function;

/**
 * Checks an op's backward against central finite differences in F64.
 *
 * <p>The output is projected to a scalar with fixed random weights ({@code L = sum(w * f(x))}),
 * so one backward pass checks the whole vector-Jacobian product. For every element of every
 * floating input, {@code dL/dx} from autograd is compared with {@code (L(x+h) - L(x-h)) / 2h};
 * the error is {@code |analytic - numeric| / max(1, |analytic|, |numeric|)}: relative for
 * gradients above 1, absolute below.
 *
 * <pre>{@code
 * GradCheck.Result r = GradCheck.check(in -> in[0].tanh().matmul(in[1]), a, b);
 * assert r.maxError() < 1e-6 : r;
 * }</pre>
 */
public final class GradCheck {
    /** Default finite-difference step. */
    public static final double DEFAULT_STEP = 1e-6;

    private GradCheck() {
    }

    /**
     * The outcome: the worst error and where it occurred.
     *
     * @param maxError the largest error over all checked elements
     * @param input    index of the input holding the worst element (-1 if nothing was checked)
     * @param element  row-major index of the worst element within that input
     * @param analytic autograd's derivative there
     * @param numeric  the finite-difference derivative there
     * @param checked  number of elements checked
     */
    public record Result(double maxError, int input, int element, double analytic, double numeric, int checked) {
        /** True when {@link #maxError()} is below {@code tolerance}. */
        public boolean passes(double tolerance) {
            return maxError < tolerance;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "GradCheck: max error %.3e at input %d element %d (analytic %.12g, numeric %.12g; %d elements)",
                    maxError, input, element, analytic, numeric, checked);
        }
    }

    /** Checks {@code fn} at {@code inputs} with the default step. */
    public static Result check(Function<Tensor[], Tensor> fn, Tensor... inputs) {
        return check(fn, DEFAULT_STEP, inputs);
    }

    /**
     * Checks {@code fn} at {@code inputs}. Floating inputs are converted to F64 and differentiated;
     * other inputs (indices, masks) are passed through unchanged.
     */
    public static Result check(Function<Tensor[], Tensor> fn, double step, Tensor... inputs) {
        int n = inputs.length;
        double[][] values = new double[n][];
        for (int i = 0; i < n; i++) {
            if (inputs[i].dtype().isFloating()) {
                values[i] = inputs[i].toDoubleArray();
            }
        }
        Tensor[] leaves = build(inputs, values, true);
        Tensor out = fn.apply(leaves);
        if (!out.dtype().isFloating()) {
            throw new IllegalArgumentException("GradCheck: the function returns " + out.dtype()
                    + "; it must return a floating tensor");
        }
        Tensor weights = Tensor.normal(new Generator(0x6AD), out.shape(), DType.F64, 0, 1).to(out.backend());
        Tensor loss = out.to(DType.F64).mul(weights).sum();
        if (loss.requiresGrad()) {
            loss.backward();
        }
        double worst = -1;
        int wi = -1;
        int we = -1;
        double wa = 0;
        double wn = 0;
        int checked = 0;
        for (int i = 0; i < n; i++) {
            if (values[i] == null) {
                continue;
            }
            double[] analytic = leaves[i].grad() == null ? new double[values[i].length]
                    : leaves[i].grad().toDoubleArray();
            for (int e = 0; e < values[i].length; e++) {
                double saved = values[i][e];
                values[i][e] = saved + step;
                double plus = evaluate(fn, inputs, values, weights);
                values[i][e] = saved - step;
                double minus = evaluate(fn, inputs, values, weights);
                values[i][e] = saved;
                double numeric = (plus - minus) / (2 * step);
                double err = Math.abs(analytic[e] - numeric)
                        / Math.max(1.0, Math.max(Math.abs(analytic[e]), Math.abs(numeric)));
                if (Double.isNaN(err)) {
                    err = Double.POSITIVE_INFINITY;
                }
                checked++;
                if (err > worst) {
                    worst = err;
                    wi = i;
                    we = e;
                    wa = analytic[e];
                    wn = numeric;
                }
            }
        }
        return new Result(Math.max(worst, 0), wi, we, wa, wn, checked);
    }

    private static double evaluate(Function<Tensor[], Tensor> fn, Tensor[] inputs, double[][] values,
                                   Tensor weights) {
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            Tensor out = fn.apply(build(inputs, values, false));
            return out.to(DType.F64).mul(weights).sum().item();
        }
    }

    private static Tensor[] build(Tensor[] inputs, double[][] values, boolean requireGrad) {
        Tensor[] out = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (values[i] == null) {
                out[i] = inputs[i];
                continue;
            }
            Shape s = inputs[i].shape();
            Tensor t = Tensor.of(values[i], s.toArray()).to(inputs[i].backend());
            if (s.rank() == 0) {
                t = t.reshape();
            }
            out[i] = requireGrad ? t.requiresGrad(true) : t;
        }
        return out;
    }
}
