package dev.sinapsis.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.autograd.AnomalyException;
import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Anomaly mode ({@link Autograd#detectAnomaly()}) names the op whose forward or backward first
 * turned finite values into NaN/Inf, with its shapes and dtype; off, nothing changes.
 */
class AnomalyModeTest {
    private Backends.Scope backend;

    @BeforeEach
    void cpu() {
        backend = Backends.using(new CpuBackend(Nd4jMode.OFF));
    }

    @AfterEach
    void restore() {
        backend.close();
    }

    @Test
    void forwardNamesTheOpWhoseFiniteInputsGaveANonFiniteOutput() {
        Tensor x = Tensor.of(new float[] {1, -2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        AnomalyException e;
        try (var on = Autograd.detectAnomaly()) {
            // mul is fine, log makes the NaN, exp and sum only pass it on: log is named
            e = assertThrows(AnomalyException.class, () -> x.mul(2).log().exp().sum());
        }
        assertEquals("log", e.op());
        assertEquals(AnomalyException.Phase.FORWARD, e.phase());
        String m = e.getMessage();
        assertTrue(m.contains("forward of 'log'") && m.contains("[2,3] F32") && m.contains("1 NaN of 6"), m);
        assertFalse(Autograd.isAnomalyDetectionEnabled(), "closing the scope turns the mode off");
    }

    @Test
    void forwardNamesDivisionByZero() {
        Tensor a = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {1, 0}, 2);
        try (var on = Autograd.detectAnomaly()) {
            AnomalyException e = assertThrows(AnomalyException.class, () -> a.div(b));
            assertEquals("div", e.op());
            assertTrue(e.getMessage().contains("1 Inf of 2") && e.getMessage().contains("[2] F32, [2] F32"),
                    e.getMessage());
        }
    }

    @Test
    void backwardNamesTheOpWhoseGradientBecameInfinite() {
        // sqrt(0) = 0 is finite, but its derivative 1 / (2 sqrt(0)) is not
        Tensor x = Tensor.of(new float[] {0, 4, 9}, 3).requiresGrad(true);
        try (var on = Autograd.detectAnomaly()) {
            Tensor y = x.mul(3).sqrt().sum();
            AnomalyException e = assertThrows(AnomalyException.class, y::backward);
            assertEquals("sqrt", e.op());
            assertEquals(AnomalyException.Phase.BACKWARD, e.phase());
            String m = e.getMessage();
            assertTrue(m.contains("backward of 'sqrt'") && m.contains("1 Inf of 3") && m.contains("input 0 [3] F32"), m);
        }
    }

    @Test
    void backwardNamesDivWhenOnlyTheGradientOverflows() {
        Tensor a = Tensor.of(new float[] {1}, 1).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {1e-30f}, 1).requiresGrad(true);
        try (var on = Autograd.detectAnomaly()) {
            Tensor y = a.div(b).sum(); // forward: 1e30 (finite); d/db = -a/b^2 = -1e60 overflows F32
            AnomalyException e = assertThrows(AnomalyException.class, y::backward);
            assertEquals("div", e.op());
            assertTrue(e.getMessage().contains("for input 1 [1] F32"), e.getMessage());
        }
    }

    @Test
    void offChangesNothingAndIsPerThread() throws Exception {
        assertFalse(Autograd.isAnomalyDetectionEnabled());
        Tensor x = Tensor.of(new float[] {-1, 0, 4}, 3).requiresGrad(true);
        Tensor logged = x.log();
        assertTrue(Float.isNaN(logged.toFloatArray()[0]), "NaN passes through when the mode is off");
        x.sqrt().sum().backward();
        assertEquals(Float.POSITIVE_INFINITY, x.grad().toFloatArray()[1]);

        AtomicBoolean otherThreadSees = new AtomicBoolean(true);
        try (var on = Autograd.detectAnomaly()) {
            Thread t = new Thread(() -> otherThreadSees.set(Autograd.isAnomalyDetectionEnabled()));
            t.start();
            t.join();
            assertTrue(Autograd.isAnomalyDetectionEnabled());
        }
        assertFalse(otherThreadSees.get(), "the mode belongs to the thread that opened the scope");
    }

    @Test
    void onWithFiniteValuesGivesTheSameResultsAndLeavesNothingBehind() {
        float[] w = {0.5f, -1.5f, 2f, 0.25f};
        float[] offGrad;
        float[] offOut;
        int offTracked;
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor x = Tensor.of(w, 2, 2).requiresGrad(true);
            Tensor y = x.matmul(x).tanh().exp();
            y.sum().backward();
            offOut = y.toFloatArray();
            offGrad = x.grad().toFloatArray();
            offTracked = scope.size();
        }
        try (MemoryScope scope = MemoryScope.open(); var on = Autograd.detectAnomaly()) {
            Tensor x = Tensor.of(w, 2, 2).requiresGrad(true);
            Tensor y = x.matmul(x).tanh().exp();
            y.sum().backward();
            assertArrayEquals(offOut, y.toFloatArray());
            assertArrayEquals(offGrad, x.grad().toFloatArray());
            assertEquals(offTracked, scope.size(), "the checks release their scratch tensors");
        }
    }
}
