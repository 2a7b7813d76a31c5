package dev.sinapsis.examples.api;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.autograd.BackwardFunction;
import dev.sinapsis.autograd.GradCheck;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.io.PrintStream;

/**
 * A custom differentiable op, softsign(x) = x / (1 + |x|), with its own backward
 * (d/dx = 1 / (1 + |x|)^2), checked against finite differences by {@link GradCheck}; a backward
 * with a mistake in it is caught the same way.
 */
public final class CustomOp {
    private CustomOp() {
    }

    /** Softsign with the correct backward. */
    public static Tensor softsign(Tensor x) {
        return softsign(x, false);
    }

    private static Tensor softsign(Tensor x, boolean wrong) {
        Tensor denominator;
        Tensor out;
        try (var noGrad = Autograd.noGrad()) {          // compute the value without recording its pieces
            denominator = x.abs().add(1);
            out = x.div(denominator);
        }
        BackwardFunction backward = (grad, needsGrad) -> new Tensor[] {
            // chain rule: upstream gradient times the local derivative
            wrong ? grad.div(denominator) : grad.div(denominator.square())
        };
        return Autograd.record("softsign", out, backward, x);   // one node on the tape
    }

    /** The worst GradCheck errors of the correct and of the mistaken backward. */
    public record Result(double correctError, double wrongError) {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** Runs both checks and prints their results. */
    public static Result run(PrintStream out) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor x = Tensor.normal(new Generator(5), Shape.of(4, 3), DType.F64, 0, 2);
            GradCheck.Result ok = GradCheck.check(in -> softsign(in[0]), x);
            out.println("softsign, backward 1/(1+|x|)^2: " + ok);
            GradCheck.Result bad = GradCheck.check(in -> softsign(in[0], true), x);
            out.println("softsign, backward 1/(1+|x|) (a mistake): " + bad);
            out.println(ok.passes(1e-6) && !bad.passes(1e-6)
                    ? "GradCheck accepts the right backward and rejects the wrong one"
                    : "unexpected: GradCheck did not tell the two apart");
            return new Result(ok.maxError(), bad.maxError());
        }
    }
}
