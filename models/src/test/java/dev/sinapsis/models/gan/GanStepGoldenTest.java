package dev.sinapsis.models.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.golden.Golden;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.Parameter;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two steps of {@link Gan#step} (D update, then G update against the updated D) from PyTorch's
 * weights and data match PyTorch 1.13 ({@code gan_step.py}): both losses, D(x), D(G(z)), every
 * parameter's gradient of both networks at each step, and every state entry (weights, batch-norm
 * running statistics) after the two Adam updates.
 */
class GanStepGoldenTest {
    private static final Golden FIXTURE = Golden.load("gan_step.txt");
    private static final double SMOOTHING = 0.1;

    @Test
    void mlpGanStepsMatchPyTorch() {
        check("mlp", new GanSpec("gan", 8, new int[] {16, 32}, new int[] {1, 4, 4}));
    }

    @Test
    void dcganStepsMatchPyTorch() {
        check("dcgan", new GanSpec("dcgan", 4, new int[] {2}, new int[] {1, 8, 8}));
    }

    @Test
    void refinedDcganStepsMatchPyTorch() {
        check("dcgan_refined", new GanSpec("dcgan", 4, new int[] {2}, new int[] {1, 8, 8}, 0, true));
    }

    private static void check(String name, GanSpec spec) {
        Generator init = new Generator(1);
        Module g = spec.generator(init);
        Module d = spec.discriminator(init, null); // no dropout
        g.loadStateDict(state(name + ".init.g.", g));
        d.loadStateDict(state(name + ".init.d.", d));
        Gan gan = new Gan(spec, g, d, new Gan.Options(2e-4, 2e-4, 0.5, 0.999, SMOOTHING));
        for (int step = 0; step < 2; step++) {
            String p = name + "." + step + ".";
            Gan.StepResult r = gan.step(FIXTURE.tensor(p + "real", DType.F32), FIXTURE.tensor(p + "z", DType.F32));
            assertScalar(p + "loss_d", r.lossD());
            assertScalar(p + "loss_g", r.lossG());
            assertScalar(p + "d_real", r.dReal());
            assertScalar(p + "d_fake", r.dFake());
            grads(p + "grad.g.", g);
            grads(p + "grad.d.", d);
        }
        compare(name + ".final.g.", g.stateDict());
        compare(name + ".final.d.", d.stateDict());
    }

    private static Map<String, Tensor> state(String prefix, Module m) {
        Map<String, Tensor> s = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : m.stateDict().entrySet()) {
            s.put(e.getKey(), FIXTURE.tensor(prefix + e.getKey(), DType.F64));
        }
        return s;
    }

    /**
     * Every parameter's gradient. The scale of the absolute tolerance is the network's largest
     * gradient, not the tensor's: a bias just before a batch norm has a gradient of exactly 0, so
     * both sides hold float32 round-off of the network's magnitudes there (1e-11 against 1e-3).
     */
    private static void grads(String prefix, Module m) {
        double networkScale = 0;
        for (Parameter p : m.namedParameters()) {
            for (double v : FIXTURE.tensor(prefix + p.name(), DType.F64).toDoubleArray()) {
                networkScale = Math.max(networkScale, Math.abs(v));
            }
        }
        for (Parameter p : m.namedParameters()) {
            Tensor grad = p.value().grad();
            assertNotNull(grad, prefix + p.name() + ": no gradient");
            assertClose(prefix + p.name(), FIXTURE.tensor(prefix + p.name(), DType.F64).toDoubleArray(), grad,
                    networkScale);
        }
    }

    private static void compare(String prefix, Map<String, Tensor> state) {
        state.forEach((k, v) -> assertClose(prefix + k, FIXTURE.tensor(prefix + k, DType.F64).toDoubleArray(), v, 0));
    }

    private static void assertScalar(String name, double actual) {
        double e = FIXTURE.tensor(name, DType.F64).item();
        assertEquals(e, actual, 2e-6 * Math.max(1, Math.abs(e)), name);
    }

    /**
     * F32 on both sides: elementwise {@code |a - e| <= 1e-4 |e| + 1e-5 max(max|e|, floor)}, the
     * round-off of float32 sums of a few hundred terms (the scale term covers entries that cancel
     * to near 0; {@code floor} is the scale of the computation they come from).
     */
    private static void assertClose(String what, double[] e, Tensor actual, double floor) {
        double[] a = actual.toDoubleArray();
        assertArrayEquals(new int[] {e.length}, new int[] {a.length}, what + ": size");
        double scale = floor;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(a[i] - e[i]);
            assertTrue(err <= 1e-4 * Math.abs(e[i]) + 1e-5 * scale, what + "[" + i + "]: expected " + e[i] + ", got "
                    + a[i] + " (error " + err + ")");
        }
    }
}
