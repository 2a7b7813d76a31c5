package dev.sinapsis.conformance;

import static dev.sinapsis.conformance.Naive.uniform;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Capability;
import dev.sinapsis.backend.OptimizerOps;
import dev.sinapsis.conformance.CapabilityCase.Output;
import dev.sinapsis.optim.Adam;
import dev.sinapsis.optim.AdamW;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link OptimizerOps} through the public optimizers: three steps of {@link Adam} (plain, with L2
 * weight decay, with AMSGrad) and {@link AdamW} from the same start, with the fused update and with
 * the composite, comparing the parameter and every state buffer afterwards. Sizes 1, 37 and 70,001
 * (vector tails; the largest is split across cores); gradients span eight orders of magnitude and
 * change sign between steps, so AMSGrad's running maximum and the bias corrections matter. The
 * update is specified to round as the composite does, so results are compared exactly (a device
 * whose compiler contracts multiply-adds into FMAs would need a stated tolerance here).
 *
 * <p>An example's input is {@code [4, n]}: the parameter's start, then one gradient per step.
 */
final class AdamCase implements CapabilityCase {
    private static final int STEPS = 3;

    @Override
    public Class<? extends Capability> type() {
        return OptimizerOps.class;
    }

    @Override
    public boolean differentiable() {
        return false;
    }

    @Override
    public List<Example> examples(DType dtype) {
        List<Example> out = new ArrayList<>();
        int seed = 60;
        for (int n : new int[] {1, 37, 70_001}) {
            Tensor in = input(seed++, dtype, n);
            out.add(example("adam n=" + n, in, p -> Adam.builder(List.of(p)).lr(1e-2).build(), false));
            out.add(example("adam weight decay n=" + n, in,
                    p -> Adam.builder(List.of(p)).lr(3e-3).weightDecay(0.1).build(), false));
            out.add(example("adam amsgrad n=" + n, in,
                    p -> Adam.builder(List.of(p)).lr(1e-2).betas(0.8, 0.99).eps(1e-6).amsgrad(true).build(), true));
            out.add(example("adamw n=" + n, in, p -> AdamW.builder(List.of(p)).lr(1e-2).weightDecay(0.05).build(),
                    false));
        }
        return out;
    }

    @Override
    public List<Example> gradCheckExamples() {
        return List.of();
    }

    /** Parameter start in [-1, 1]; gradients of magnitudes 1e-6 to 1e2 with random signs. */
    private static Tensor input(int seed, DType d, int n) {
        double[] v = Naive.sample(seed, 4 * n, uniform(-1, 1));
        for (int i = n; i < 4 * n; i++) {
            double u = v[i];
            v[i] = Math.signum(u) * Math.pow(10, -6 + 8 * Math.abs(u));
        }
        return Naive.tensor(v, d, 4, n);
    }

    /**
     * Runs {@link #STEPS} steps of the optimizer {@code make} builds on a copy of row 0, the gradient
     * of step {@code k} being row {@code k + 1}; outputs the parameter and its state buffers.
     */
    private static Example example(String name, Tensor in, Function<Tensor, Optimizer> make, boolean amsgrad) {
        List<String> buffers = amsgrad ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")
                : List.of("exp_avg", "exp_avg_sq");
        List<Output> outputs = new ArrayList<>();
        outputs.add(Output.exact("param"));
        buffers.forEach(b -> outputs.add(Output.exact(b)));
        Function<Tensor, Tensor[]> run = x -> {
            // a fresh copy of the start: the update is in place, and the input is reused by the reference run
            Tensor p = Tensor.zerosLike(x.select(0, 0)).copyFrom(x.select(0, 0)).requiresGrad(true);
            try (Optimizer opt = make.apply(p)) {
                for (int k = 0; k < STEPS; k++) {
                    opt.zeroGrad();
                    p.mul(x.select(0, k + 1).detach()).sum().backward();   // p.grad = row k + 1
                    opt.step();
                }
                Map<String, Tensor> state = opt.stateDict();
                Tensor[] result = new Tensor[1 + buffers.size()];
                result[0] = p.detach();
                for (int i = 0; i < buffers.size(); i++) {
                    result[i + 1] = state.get("state.0." + buffers.get(i));
                    assertTrue(result[i + 1] != null, name + ": no state buffer " + buffers.get(i));
                }
                return result;
            }
        };
        return new Example(name, in, run, outputs, 0);
    }
}
