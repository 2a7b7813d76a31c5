package dev.sinapsis.conformance;

import dev.sinapsis.backend.ActivationOps;
import dev.sinapsis.backend.Capability;
import dev.sinapsis.conformance.CapabilityCase.Output;
import dev.sinapsis.nn.functional.Activations;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ActivationOps} through {@code Tensor.relu()}'s backward and {@code Activations.leakyRelu}:
 * each relu example's output is the gradient that {@code relu(x).backward(g)} leaves on {@code x},
 * compared exactly with the composite's {@code where(x > 0, g, 0)}; each leaky example's outputs are
 * {@code leakyRelu(x, slope)} and the gradient its backward leaves on {@code x} under {@code g},
 * compared exactly with {@code where(x > 0, x, slope * x)} and {@code where(x > 0, g, slope * g)}. Odd sizes, a transposed and a sliced input, and inputs holding 0, -0, the
 * smallest subnormals of both signs, the largest floats, infinities and NaNs (their gradient is 0),
 * under upstream gradients that hold infinities and NaNs too (passed through unchanged where x > 0).
 * The fused backward passes are not differentiable again, so the case compares outputs (gradients
 * included); both activations' gradients are grad-checked by the activation and gradient contracts,
 * on the fused path where the backend offers it.
 */
final class ActivationCase implements CapabilityCase {
    @Override
    public Class<? extends Capability> type() {
        return ActivationOps.class;
    }

    @Override
    public boolean differentiable() {
        return false;
    }

    /** The gradient relu's backward leaves on a fresh leaf holding {@code x}'s values, under upstream {@code g}. */
    private static Example backward(String name, Tensor x, Tensor g) {
        return new Example("relu backward " + name, x, in -> {
            Tensor leaf = in.detach().requiresGrad(true);
            leaf.relu().backward(g);
            return new Tensor[] {leaf.grad()};
        }, List.of(Output.exact("gradient")), 0);
    }

    /** Leaky ReLU with {@code slope} of a fresh leaf holding {@code x}'s values, and its gradient under {@code g}. */
    private static Example leaky(String name, Tensor x, Tensor g, double slope) {
        return new Example("leaky relu " + slope + " " + name, x, in -> {
            Tensor leaf = in.detach().requiresGrad(true);
            Tensor y = Activations.leakyRelu(leaf, slope);
            y.backward(g);
            return new Tensor[] {y.detach(), leaf.grad()};
        }, List.of(Output.exact("output"), Output.exact("gradient")), 0);
    }

    private static Tensor values(long seed, DType d, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return Naive.tensor(Naive.sample(seed, n, Naive.uniform(-2, 2)), d, shape);
    }

    @Override
    public List<Example> examples(DType d) {
        List<Example> out = new ArrayList<>();
        out.add(backward(d + " [1]", values(1, d, 1), values(2, d, 1)));
        out.add(backward(d + " [37,65]", values(3, d, 37, 65), values(4, d, 37, 65)));
        Tensor wide = values(5, d, 9, 40);
        out.add(backward(d + " [9,40].t()", wide.t(), values(6, d, 40, 9)));
        out.add(backward(d + " [9,40].slice(1,3,40,2)", wide.slice(1, 3, 40, 2), values(7, d, 9, 19)));
        double tiny = d == DType.F32 ? Float.MIN_VALUE : Double.MIN_VALUE;
        double big = d == DType.F32 ? Float.MAX_VALUE : Double.MAX_VALUE;
        double inf = Double.POSITIVE_INFINITY;
        double nan = Double.NaN;
        double[] x = {0.0, -0.0, tiny, -tiny, big, -big, inf, -inf, nan, -nan, 1.0, -1.0, 0.5, -0.5, 3.0, -3.0};
        double[] g = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, inf, -inf, nan, nan, -0.0, 2.5};
        out.add(backward(d + " special values [16]", Naive.tensor(x, d, x.length), Naive.tensor(g, d, g.length)));
        out.add(leaky(d + " [37,65]", values(8, d, 37, 65), values(9, d, 37, 65), 0.2));
        out.add(leaky(d + " [9,40].t()", wide.t(), values(10, d, 40, 9), 0.01));
        out.add(leaky(d + " [9,40].slice(1,3,40,2)", wide.slice(1, 3, 40, 2), values(11, d, 9, 19), 0.3));
        out.add(leaky(d + " special values [16]", Naive.tensor(x, d, x.length), Naive.tensor(g, d, g.length), 0.2));
        return out;
    }

    @Override
    public List<Example> gradCheckExamples() {
        return List.of();
    }
}
