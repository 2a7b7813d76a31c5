package dev.sinapsis.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sinapsis.autograd.GradCheck;
import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.backend.Capabilities;
import dev.sinapsis.backend.Capability;
import dev.sinapsis.conformance.CapabilityCase.Example;
import dev.sinapsis.conformance.CapabilityCase.Output;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every optional capability the backend offers ({@link Capabilities#offeredBy}) against the
 * composite of primitives it replaces, through the public functions of its registered
 * {@link CapabilityCase}: forward outputs (and indices) and input gradients of a randomly weighted
 * sum of the floating outputs compared between the enabled path and {@link Capabilities#disable}, and a finite-difference
 * gradient check of the enabled path in F64. Every run goes through a {@link CountingBackend}, which
 * proves the capability was called with it enabled and not called inside {@code disable}, so the
 * comparison can never be of the composite with itself. A capability offered without a registered
 * case fails.
 */
public abstract class CapabilityContract extends BackendTestBase {

    /** The capabilities the backend under test offers; at least the ones it is known to. */
    private List<Class<? extends Capability>> offered() {
        return Capabilities.offeredBy(backend());
    }

    @Test
    void everyOfferedCapabilityHasARegisteredCase() {
        for (Class<? extends Capability> type : offered()) {
            assertEquals(type, CapabilityCases.caseFor(type).type(), "the case registered for " + type.getSimpleName());
        }
    }

    @Test
    void capabilityLookupAnswersWithTheTypeAndHonoursDisable() {
        Backend b = backend();
        List<Class<? extends Capability>> offered = offered();
        for (Class<? extends Capability> type : Capabilities.KNOWN) {
            b.capability(type).ifPresent(c -> assertTrue(type.isInstance(c), b.name() + " answers "
                    + type.getSimpleName() + " with a " + c.getClass().getName()));
            assertEquals(b.capability(type).isPresent(), Capabilities.find(b, type).isPresent(),
                    "find follows the backend's answer when nothing is disabled: " + type.getSimpleName());
        }
        for (Class<? extends Capability> type : offered) {
            try (Capabilities.Disabled off = Capabilities.disable(type)) {
                assertFalse(Capabilities.find(b, type).isPresent(), type.getSimpleName() + " disabled");
                for (Class<? extends Capability> other : offered) {
                    if (other != type) {
                        assertTrue(Capabilities.find(b, other).isPresent(), "disabling " + type.getSimpleName()
                                + " leaves " + other.getSimpleName() + " on");
                    }
                }
                assertEquals(offered, Capabilities.offeredBy(b), "offeredBy ignores disable");
            }
            assertTrue(Capabilities.find(b, type).isPresent(), type.getSimpleName() + " back on after close");
        }
    }

    @Test
    void fusedPathMatchesTheCompositeForwardAndBackward() {
        for (Class<? extends Capability> type : offered()) {
            compareWithComposite(backend(), CapabilityCases.caseFor(type));
        }
    }

    @Test
    void fusedPathPassesGradCheck() {
        for (Class<? extends Capability> type : offered()) {
            gradCheckFused(backend(), CapabilityCases.caseFor(type));
        }
    }

    // ------------------------------------------------------------------ the driver

    /**
     * Runs every example of {@code c} in F32 and F64 on {@code backend} with the capability enabled
     * and disabled, and compares outputs and input gradients.
     */
    public static void compareWithComposite(Backend backend, CapabilityCase c) {
        CountingBackend probe = CountingBackend.wrap(backend);
        try (Backends.Scope ignored = Backends.using(probe.backend())) {
            for (DType d : new DType[] {DType.F32, DType.F64}) {
                List<Example> examples = c.examples(d);
                assertFalse(examples.isEmpty(), c.type().getSimpleName() + " has no " + d + " examples");
                for (Example e : examples) {
                    compare(probe, c.type(), e, c.differentiable());
                }
            }
        }
    }

    /** Finite-difference gradient check of the enabled path on the F64 examples of {@code c}. */
    public static void gradCheckFused(Backend backend, CapabilityCase c) {
        if (!c.differentiable()) {
            return;
        }
        CountingBackend probe = CountingBackend.wrap(backend);
        try (Backends.Scope ignored = Backends.using(probe.backend())) {
            List<Example> examples = c.gradCheckExamples();
            assertFalse(examples.isEmpty(), c.type().getSimpleName() + " has no gradient-check examples");
            for (Example e : examples) {
                assertEquals(DType.F64, e.input().dtype(), e + ": gradient checks run in F64");
                long before = probe.calls(c.type());
                GradCheck.Result r = GradCheck.check(in -> floatingOutputs(e.function().apply(in[0])), e.input());
                assertTrue(probe.calls(c.type()) > before, notCalled(c.type(), e));
                assertTrue(r.checked() > 0, e + ": nothing was checked");
                assertTrue(r.passes(GradientContract.TOLERANCE), "fused " + e + ": " + r);
            }
        }
    }

    private static String notCalled(Class<? extends Capability> type, Example e) {
        return e + ": " + type.getSimpleName() + " was not called with the capability enabled, so the comparison"
                + " would be of the composite with itself; the example must reach the fused path";
    }

    private static void compare(CountingBackend probe, Class<? extends Capability> type, Example e,
                                boolean differentiable) {
        long before = probe.calls(type);
        Tensor[] fused = e.function().apply(e.input());
        assertTrue(probe.calls(type) > before, notCalled(type, e));
        long afterFused = probe.calls(type);
        Tensor[] ref;
        try (Capabilities.Disabled off = Capabilities.disable(type)) {
            ref = e.function().apply(e.input());
        }
        assertEquals(afterFused, probe.calls(type), e + ": " + type.getSimpleName()
                + " was called inside Capabilities.disable; the reference must be the composite");
        assertEquals(e.outputs().size(), fused.length, e + ": outputs");
        assertEquals(ref.length, fused.length, e + ": outputs");
        for (int i = 0; i < fused.length; i++) {
            Output o = e.outputs().get(i);
            String what = e + " " + o.name();
            assertEquals(ref[i].dtype(), fused[i].dtype(), what + ": dtype");
            int[] shape = ref[i].shape().toArray();
            if (o.tolerance() == 0) {
                Naive.assertExact(what, ref[i].toDoubleArray(), shape, fused[i]);
            } else {
                double[] scale = o.scale() == null ? null : o.scale().apply(e.input());
                Naive.assertClose(what, ref[i].toDoubleArray(), scale, shape, fused[i], o.tolerance());
            }
        }
        e.invariant().accept(fused);
        if (!differentiable) {
            return;
        }

        Tensor[] w = new Tensor[fused.length];
        for (int i = 0; i < fused.length; i++) {
            if (fused[i].dtype().isFloating()) {
                w[i] = Tensor.normal(new Generator(e.name().hashCode() + i), fused[i].shape(), fused[i].dtype(), 0, 1);
            }
        }
        before = probe.calls(type);
        double[] gFused = gradient(e, w);
        assertTrue(probe.calls(type) > before, notCalled(type, e));
        double[] gRef;
        try (Capabilities.Disabled off = Capabilities.disable(type)) {
            before = probe.calls(type);
            gRef = gradient(e, w);
            assertEquals(before, probe.calls(type), e + ": " + type.getSimpleName()
                    + " was called inside Capabilities.disable (backward)");
        }
        assertClose(e + " input gradient", gRef, gFused, e.gradTolerance());
        e.gradientInvariant().accept(gFused);
    }

    /** The input gradient of {@code sum_i sum(f(x)[i] * w[i])} over the floating outputs (non-null {@code w[i]}). */
    private static double[] gradient(Example e, Tensor[] w) {
        Tensor x = e.input().detach().requiresGrad(true);
        Tensor[] y = e.function().apply(x);
        Tensor loss = null;
        for (int i = 0; i < y.length; i++) {
            if (w[i] != null) {
                Tensor term = y[i].mul(w[i]).sum();
                loss = loss == null ? term : loss.add(term);
            }
        }
        loss.backward();
        assertTrue(x.grad() != null, e + ": no gradient reached the input");
        return x.grad().toDoubleArray();
    }

    /** The floating outputs flattened into one vector, so a gradient check covers all of them. */
    private static Tensor floatingOutputs(Tensor[] outputs) {
        List<Tensor> flat = Arrays.stream(outputs).filter(t -> t.dtype().isFloating()).map(t -> t.reshape(-1)).toList();
        return flat.size() == 1 ? flat.get(0) : Tensor.concat(0, flat);
    }

    private static void assertClose(String what, double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length, what + ": element count");
        for (int i = 0; i < expected.length; i++) {
            double ex = expected[i];
            double g = actual[i];
            if (Double.isNaN(ex) || Double.isInfinite(ex)) {
                assertArrayEquals(new double[] {ex}, new double[] {g}, what + ": element " + i);
                continue;
            }
            double bound = tol * Math.max(1, Math.abs(ex));
            if (!(Math.abs(g - ex) <= bound)) {
                fail(what + ": element " + i + " expected " + ex + " but got " + g + " (error " + Math.abs(g - ex)
                        + " > " + bound + "); first elements expected " + head(expected) + " got " + head(actual));
            }
        }
    }

    private static String head(double[] v) {
        return Arrays.toString(Arrays.copyOf(v, Math.min(v.length, 6)));
    }
}
