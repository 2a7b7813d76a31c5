package dev.sinapsis.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.backend.Capabilities;
import dev.sinapsis.backend.Capability;
import dev.sinapsis.backend.LstmCellOps;
import dev.sinapsis.backend.PoolingOps;
import dev.sinapsis.backend.SoftmaxOps;
import dev.sinapsis.backend.View;
import dev.sinapsis.conformance.CapabilityCase.Example;
import dev.sinapsis.conformance.CapabilityCase.Output;
import dev.sinapsis.spi.TensorInternals;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.FusedLstmCell;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The capability machinery of the suite itself: every capability the core knows has a case, a
 * missing case fails with instructions, and the comparison catches a wrong fused kernel and an
 * example that never reaches the fused path.
 */
class CapabilityCasesTest {

    @Test
    void everyKnownCapabilityHasACase() {
        for (Class<? extends Capability> type : Capabilities.KNOWN) {
            assertTrue(CapabilityCases.REGISTERED.containsKey(type), type.getSimpleName()
                    + " is in Capabilities.KNOWN but has no CapabilityCase in CapabilityCases.REGISTERED");
        }
        assertEquals(Capabilities.KNOWN.size(), CapabilityCases.REGISTERED.size(), "no case for an unknown type");
    }

    @Test
    void anOfferedCapabilityWithoutACaseFailsWithInstructions() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> CapabilityCases.caseFor(PoolingOps.class, Map.of(SoftmaxOps.class, new SoftmaxCase())));
        assertTrue(e.getMessage().contains("dev.sinapsis.backend.PoolingOps")
                && e.getMessage().contains("register it in CapabilityCases.REGISTERED"), e.getMessage());
    }

    @Test
    void theReferenceBackendsFusedSoftmaxMatches() {
        // the loop backend's softmax is the reference for the comparison's own correctness
        CapabilityContract.compareWithComposite(new LoopBackend(), CapabilityCases.caseFor(SoftmaxOps.class));
    }

    @Test
    void aWrongFusedKernelIsCaught() {
        // a fused softmax that answers log-softmax (and the other way round): forward and backward differ
        CountingBackend broken = CountingBackend.wrap(new LoopBackend())
                .replacing(SoftmaxOps.class, real -> (out, in, log) -> real.softmax(out, in, !log));
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> CapabilityContract.compareWithComposite(broken.backend(), CapabilityCases.caseFor(SoftmaxOps.class)));
        assertTrue(e.getMessage().contains("softmax"), e.getMessage());
        assertThrows(AssertionFailedError.class,
                () -> CapabilityContract.gradCheckFused(broken.backend(), new CapabilityCase() {
                    @Override
                    public Class<? extends Capability> type() {
                        return SoftmaxOps.class;
                    }

                    @Override
                    public List<Example> examples(DType dtype) {
                        return List.of();
                    }

                    @Override
                    public List<Example> gradCheckExamples() {
                        // the backward formula assumes softmax; fed log-softmax values, it is wrong
                        return new SoftmaxCase().gradCheckExamples().subList(0, 1);
                    }
                }));
    }

    @Test
    void aFusedLstmBackwardThatIgnoresTheCellGradientIsCaught() {
        // the comparison weights both outputs, so a backward dropping gradC (c's gradient) differs
        CountingBackend broken = CountingBackend.wrap(new LoopBackend()).replacing(LstmCellOps.class,
                real -> new LstmCellOps() {
                    @Override
                    public void lstmCell(View h, View c, View act, View gates, View cPrev) {
                        real.lstmCell(h, c, act, gates, cPrev);
                    }

                    @Override
                    public void lstmCellBackward(View gradGates, View gradCPrev, View gradH, View gradC, View act,
                                                 View c, View cPrev) {
                        View zeros = TensorInternals.view(Tensor.zeros(gradC.shape(), gradC.dtype()));
                        real.lstmCellBackward(gradGates, gradCPrev, gradH, zeros, act, c, cPrev);
                    }
                });
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> CapabilityContract.compareWithComposite(broken.backend(), new LstmCellCase()));
        assertTrue(e.getMessage().contains("input gradient"), e.getMessage());
    }

    @Test
    void theSaturatedLstmInputsMakeTheCompositeSubnormal() {
        // so that the fused path's "no subnormal" invariant on them is not vacuous
        try (Backends.Scope on = Backends.using(new LoopBackend());
             Capabilities.Disabled off = Capabilities.disableAll()) {
            for (DType d : new DType[] {DType.F32, DType.F64}) {
                Tensor x = LstmCellCase.saturated(d, 4, 9).requiresGrad(true);
                Tensor[] hc = LstmCellCase.lstmPointwise(x.narrow(1, 0, 36), x.narrow(1, 36, 9));
                assertTrue(LstmCellCase.anySubnormal(hc[1].toDoubleArray(), d), d + ": composite c has subnormals");
                hc[0].sum().add(hc[1].sum()).backward();
                assertTrue(LstmCellCase.anySubnormal(x.grad().toDoubleArray(), d),
                        d + ": composite gradient has subnormals");
            }
        }
    }

    @Test
    void fusedLstmCellGivesTheClosedFormAndRefusesOperandsItCannotTake() {
        try (Backends.Scope on = Backends.using(new LoopBackend())) {
            // zero pre-activations: i = f = o = 1/2 and g = 0, so c = cPrev / 2 and h = tanh(c) / 2
            Tensor cPrev = Tensor.of(new double[] {-2, 0.5, 3}, 1, 3);
            Tensor[] hc = FusedLstmCell.apply(Tensor.zeros(Shape.of(1, 12), DType.F64), cPrev);
            assertArrayEquals(new double[] {-1, 0.25, 1.5}, hc[1].toDoubleArray(), 1e-15);
            assertArrayEquals(new double[] {Math.tanh(-1) / 2, Math.tanh(0.25) / 2, Math.tanh(1.5) / 2},
                    hc[0].toDoubleArray(), 1e-15);
            Tensor gates = Tensor.zeros(Shape.of(3, 12), DType.F32);
            assertTrue(FusedLstmCell.available(gates, Tensor.zeros(Shape.of(3, 3), DType.F32)));
            assertFalse(FusedLstmCell.available(gates, Tensor.zeros(Shape.of(3, 4), DType.F32)), "4H != 12");
            assertFalse(FusedLstmCell.available(gates, Tensor.zeros(Shape.of(3, 3), DType.F64)), "dtypes differ");
            assertFalse(FusedLstmCell.available(gates.reshape(3, 3, 4), Tensor.zeros(Shape.of(3, 3, 1), DType.F32)),
                    "rank 3");
            try (Capabilities.Disabled off = Capabilities.disable(LstmCellOps.class)) {
                assertFalse(FusedLstmCell.available(gates, Tensor.zeros(Shape.of(3, 3), DType.F32)), "disabled");
            }
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> FusedLstmCell.apply(gates, Tensor.zeros(Shape.of(2, 3), DType.F32)));
            assertTrue(e.getMessage().contains("[B, 4H]") && e.getMessage().contains("[2,3]"), e.getMessage());
        }
    }

    @Test
    void anExampleThatNeverReachesTheFusedPathFails() {
        CapabilityCase composite = new CapabilityCase() {
            @Override
            public Class<? extends Capability> type() {
                return SoftmaxOps.class;
            }

            @Override
            public List<Example> examples(DType dtype) {
                Tensor x = Tensor.ones(dev.sinapsis.tensor.Shape.of(3, 4), dtype);
                // exp is not softmax: it never calls SoftmaxOps, so both runs are the same composite
                return List.of(new Example("exp", x, in -> new Tensor[] {in.exp()}, List.of(Output.close("exp", 1e-6)),
                        1e-6));
            }

            @Override
            public List<Example> gradCheckExamples() {
                return List.of();
            }
        };
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> CapabilityContract.compareWithComposite(new LoopBackend(), composite));
        assertTrue(e.getMessage().contains("was not called"), e.getMessage());
    }
}
