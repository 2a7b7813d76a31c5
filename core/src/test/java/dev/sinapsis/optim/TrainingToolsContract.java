package dev.sinapsis.optim;

import static dev.sinapsis.optim.OptimAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sinapsis.conformance.BackendTestBase;
import dev.sinapsis.golden.Golden;
import dev.sinapsis.optim.schedule.CosineAnnealingLR;
import dev.sinapsis.optim.schedule.ExponentialLR;
import dev.sinapsis.optim.schedule.LinearWarmup;
import dev.sinapsis.optim.schedule.LrScheduler;
import dev.sinapsis.optim.schedule.StepLR;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Learning-rate schedules, gradient clipping and regularisation penalties against PyTorch
 * ({@code golden/optim.txt}): schedule sequences of two groups over 13 epochs (including past
 * cosine's tMax and warm-up into cosine, compared with SequentialLR), clip_grad_norm_ for the
 * 1-, 2-, 3- and max-norm with and without clipping, clip_grad_value_, and L1/L2 gradients.
 */
public abstract class TrainingToolsContract extends BackendTestBase {

    private static Optimizer twoGroups() {
        return SGD.builder(ParamGroup.of(Tensor.zeros(1).requiresGrad(true)),
                ParamGroup.of(Tensor.zeros(1).requiresGrad(true)).lr(0.02)).lr(0.1).build();
    }

    private static void checkSchedule(String name, Function<Optimizer, LrScheduler> make) {
        double[] expected = Golden.load("optim.txt").get("schedule." + name).values();
        Optimizer opt = twoGroups();
        LrScheduler s = make.apply(opt);
        for (int epoch = 0; epoch < expected.length / 2; epoch++) {
            for (int g = 0; g < 2; g++) {
                assertClose(expected[2 * epoch + g], opt.learningRate(g), 1e-12, 1e-15,
                        name + " epoch " + epoch + " group " + g);
                assertEquals(opt.learningRate(g), s.lastLrs()[g], 1e-15);
            }
            assertEquals(epoch, s.lastEpoch());
            opt.step();
            s.step();
        }
    }

    @Test
    void stepLrMatchesPyTorch() {
        checkSchedule("step", o -> new StepLR(o, 3, 0.5));
    }

    @Test
    void exponentialLrMatchesPyTorch() {
        checkSchedule("exponential", o -> new ExponentialLR(o, 0.9));
    }

    @Test
    void cosineAnnealingMatchesPyTorchBeyondTMax() {
        checkSchedule("cosine", o -> new CosineAnnealingLR(o, 5, 0.01));
    }

    @Test
    void warmupIntoCosineMatchesSequentialLr() {
        checkSchedule("warmup_cosine", o -> new LinearWarmup(o, 4, 0.25, new CosineAnnealingLR(o, 6, 0.001)));
    }

    @Test
    void warmupToConstantMatchesLinearLr() {
        checkSchedule("warmup_constant", o -> new LinearWarmup(o, 4, 0.25));
    }

    @Test
    void schedulesRejectBadArguments() {
        Optimizer opt = twoGroups();
        assertThrows(IllegalArgumentException.class, () -> new StepLR(opt, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new CosineAnnealingLR(opt, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LinearWarmup(opt, 3, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new LinearWarmup(opt, 3, 0.5, new ExponentialLR(twoGroups(), 0.9)));
    }

    private static List<Tensor> clipParams(Golden golden, DType dtype) {
        List<Tensor> ps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Tensor g = golden.tensor("clip.grad." + i, dtype);
            Tensor p = Tensor.zerosLike(g).requiresGrad(true);
            p.setGrad(g);
            ps.add(p);
        }
        return ps;
    }

    @Test
    void clipGradNormMatchesPyTorch() {
        Golden golden = Golden.load("optim.txt");
        Map<String, double[]> cases = Map.of("l2", new double[] {1.0, 2.0}, "inf", new double[] {0.5, Double.POSITIVE_INFINITY},
                "l1", new double[] {2.0, 1.0}, "l3", new double[] {1.0, 3.0}, "l2_big", new double[] {1000.0, 2.0});
        for (DType dtype : new DType[] {DType.F64, DType.F32}) {
            double rtol = dtype == DType.F64 ? 1e-12 : 1e-5;
            for (Map.Entry<String, double[]> c : cases.entrySet()) {
                List<Tensor> ps = clipParams(golden, dtype);
                Tensor none = Tensor.zeros(Tensor.zerosLike(ps.get(0)).shape(), dtype).requiresGrad(true);
                List<Tensor> all = new ArrayList<>(ps);
                all.add(none);
                double total = GradClip.clipGradNorm(all, c.getValue()[0], c.getValue()[1]);
                String what = "clip " + c.getKey() + " " + dtype;
                assertClose(golden.get("clip." + c.getKey() + ".total").values()[0], total, rtol, 0, what + " total");
                for (int i = 0; i < 3; i++) {
                    assertClose(golden.get("clip." + c.getKey() + "." + i).values(), ps.get(i).grad(), rtol, 1e-7,
                            what + " grad " + i);
                }
                assertNull(none.grad(), "a parameter without a gradient keeps none");
            }
            List<Tensor> ps = clipParams(golden, dtype);
            GradClip.clipGradValue(ps, 0.3);
            for (int i = 0; i < 3; i++) {
                assertClose(golden.get("clip.value." + i).values(), ps.get(i).grad(), rtol, 0, "clip value " + i);
            }
        }
    }

    @Test
    void clipGradNormReportsNonFiniteNormsWhenAsked() {
        Tensor p = Tensor.zeros(2).requiresGrad(true);
        p.setGrad(Tensor.of(new float[] {1, Float.NaN}));
        assertThrows(IllegalStateException.class, () -> GradClip.clipGradNorm(List.of(p), 1.0, 2.0, true));
        assertEquals(0.0, GradClip.clipGradNorm(List.of(Tensor.zeros(2).requiresGrad(true)), 1.0));
    }

    @Test
    void regularizationPenaltiesAndTheirGradients() {
        Tensor a = Tensor.of(new double[] {1, -2, 3}, 3).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {-0.5, 0.25}, 2).requiresGrad(true);
        Tensor l1 = Regularization.l1(List.of(a, b));
        assertEquals(6.75, l1.item(), 1e-12);
        l1.backward();
        assertClose(new double[] {1, -1, 1}, a.grad(), 0, 0, "d l1 / d a");
        assertClose(new double[] {-1, 1}, b.grad(), 0, 0, "d l1 / d b");
        a.zeroGrad();
        b.zeroGrad();
        Tensor l2 = Regularization.l2(List.of(a, b));
        assertEquals(14.3125, l2.item(), 1e-12);
        l2.backward();
        assertClose(new double[] {2, -4, 6}, a.grad(), 0, 1e-15, "d l2 / d a");
        assertClose(new double[] {-1, 0.5}, b.grad(), 0, 1e-15, "d l2 / d b");
        assertThrows(IllegalArgumentException.class, () -> Regularization.l2(List.of()));
    }
}
