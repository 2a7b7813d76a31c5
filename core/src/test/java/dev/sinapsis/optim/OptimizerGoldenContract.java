package dev.sinapsis.optim;

import static dev.sinapsis.optim.OptimAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sinapsis.conformance.BackendTestBase;
import dev.sinapsis.golden.Golden;
import dev.sinapsis.optim.schedule.LrScheduler;
import dev.sinapsis.optim.schedule.StepLR;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer, with its notable options, reproduces PyTorch 1.13 step by step: the fixture
 * {@code golden/optim.txt} (written by {@code optim.py}) holds initial parameters {@code w, b, c},
 * five fixed gradients (none for {@code b} at step 2, none ever for {@code c}) and the parameters
 * after each step. Checked in F64 (relative 1e-9) and in F32 (relative 1e-5).
 */
public abstract class OptimizerGoldenContract extends BackendTestBase {
    static final int STEPS = 5;

    /** The table of optim.py's STEP_CONFIGS, over the parameters [w, b, c]. */
    static Map<String, Function<List<Tensor>, Optimizer>> configs() {
        Map<String, Function<List<Tensor>, Optimizer>> m = new LinkedHashMap<>();
        m.put("sgd", p -> SGD.builder(p).lr(0.1).build());
        m.put("sgd_momentum", p -> SGD.builder(p).lr(0.1).momentum(0.9).dampening(0.1).weightDecay(0.01).build());
        m.put("sgd_nesterov", p -> SGD.builder(p).lr(0.1).momentum(0.9).nesterov(true).weightDecay(0.01).build());
        m.put("adagrad", p -> Adagrad.builder(p).lr(0.1).lrDecay(0.01).weightDecay(0.01)
                .initialAccumulatorValue(0.1).build());
        m.put("rmsprop", p -> RMSprop.builder(p).lr(0.01).build());
        m.put("rmsprop_centered_momentum", p -> RMSprop.builder(p).lr(0.01).alpha(0.9).eps(1e-6)
                .weightDecay(0.01).momentum(0.9).centered(true).build());
        m.put("adam", p -> Adam.builder(p).lr(0.01).build());
        m.put("adam_amsgrad_wd", p -> Adam.builder(p).lr(0.01).betas(0.8, 0.99).eps(1e-6).weightDecay(0.1)
                .amsgrad(true).build());
        m.put("adamw", p -> AdamW.builder(p).lr(0.01).build());
        m.put("adamw_amsgrad", p -> AdamW.builder(p).lr(0.01).weightDecay(0.1).amsgrad(true).build());
        m.put("lars", p -> LARS.builder(p).lr(0.5).momentum(0.9).weightDecay(0.01).eta(0.02).build());
        m.put("sgd_groups", p -> SGD.builder(ParamGroup.of(p.get(0)).lr(0.1).set("momentum", 0.9),
                ParamGroup.of(p.get(1), p.get(2)).set("weight_decay", 0.1)).lr(0.05).build());
        m.put("adam_groups", p -> Adam.builder(ParamGroup.of(p.get(0)).set("amsgrad", true),
                ParamGroup.of(p.get(1), p.get(2)).lr(0.003).set("beta1", 0.5).set("beta2", 0.9)).lr(0.02).build());
        m.put("adam_steplr", p -> Adam.builder(p).lr(0.05).build());
        return m;
    }

    static Stream<Arguments> cases() {
        return configs().keySet().stream().flatMap(n -> Stream.of(Arguments.of(n, DType.F64), Arguments.of(n, DType.F32)));
    }

    /** Runs {@code name} over the fixture's gradients, checking the parameters after every step. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesPyTorchStepByStep(String name, DType dtype) {
        Golden golden = Golden.load("optim.txt");
        Tensor w = golden.tensor("init.w", dtype).requiresGrad(true);
        Tensor b = golden.tensor("init.b", dtype).requiresGrad(true);
        Tensor c = golden.tensor("init.c", dtype).requiresGrad(true);
        double[] c0 = c.toDoubleArray();
        Optimizer opt = configs().get(name).apply(List.of(w, b, c));
        LrScheduler schedule = name.equals("adam_steplr") ? new StepLR(opt, 2, 0.5) : null;
        double rtol = dtype == DType.F64 ? 1e-9 : 1e-5;
        double atol = dtype == DType.F64 ? 1e-12 : 1e-6;
        for (int k = 0; k < STEPS; k++) {
            opt.zeroGrad();
            w.setGrad(golden.tensor("grad." + k + ".w", dtype));
            if (golden.names().contains("grad." + k + ".b")) {
                b.setGrad(golden.tensor("grad." + k + ".b", dtype));
            }
            opt.step();
            if (schedule != null) {
                schedule.step();
            }
            assertClose(golden.get(name + "." + k + ".w").values(), w, rtol, atol, name + " w after step " + k);
            assertClose(golden.get(name + "." + k + ".b").values(), b, rtol, atol, name + " b after step " + k);
        }
        assertArrayEquals(c0, c.toDoubleArray(), "a parameter that never has a gradient is not touched");
        assertNull(opt.state(c), "a parameter that never has a gradient gets no state");
        assertEquals(STEPS, opt.state(w).step());
        assertEquals(STEPS - 1, opt.state(b).step(), "the step without a gradient for b is skipped");
        assertEquals(dtype, w.dtype());
    }
}
