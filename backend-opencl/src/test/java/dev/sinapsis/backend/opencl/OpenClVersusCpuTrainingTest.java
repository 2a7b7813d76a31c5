package dev.sinapsis.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.backend.cpu.CpuBackend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives the same numbers on OpenCL and the CPU: random tensors bit for bit, and a
 * small MLP trained for 50 steps ends with the same loss (1e-3 relative).
 */
class OpenClVersusCpuTrainingTest {
    private final Backend cpu = new CpuBackend(Nd4jMode.OFF);

    @Test
    void sameSeedGivesBitIdenticalRandomTensors() {
        OpenClBackend cl = OpenClTests.backend();
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            Object[] got = new Object[2];
            Backend[] both = {cpu, cl};
            for (int i = 0; i < 2; i++) {
                try (var scope = Backends.using(both[i])) {
                    Generator g = new Generator(1234);
                    Tensor u = Tensor.rand(g, 37, 29).to(t);
                    Tensor n = Tensor.randn(g, 1001).to(t);
                    got[i] = new Object[] {u.toDoubleArray(), n.toDoubleArray(),
                        Tensor.randint(g, -5, 17, 333).toLongArray()};
                }
            }
            Object[] a = (Object[]) got[0];
            Object[] b = (Object[]) got[1];
            assertArrayEquals((double[]) a[0], (double[]) b[0], 0.0, "rand " + t);
            assertArrayEquals((double[]) a[1], (double[]) b[1], 0.0, "randn " + t);
            assertArrayEquals((long[]) a[2], (long[]) b[2], "randint");
        }
    }

    /** A 16-32-32-4 tanh MLP on a fixed random regression task, plain SGD; returns the 50 losses. */
    private static double[] train(Backend backend) {
        try (var scope = Backends.using(backend)) {
            Generator g = new Generator(2024);
            Tensor x = Tensor.randn(g, 64, 16);
            Tensor y = Tensor.randn(g, 64, 4);
            Tensor w1 = Tensor.randn(g, 16, 32).mul(0.25).requiresGrad(true);
            Tensor b1 = Tensor.zeros(32).requiresGrad(true);
            Tensor w2 = Tensor.randn(g, 32, 32).mul(0.18).requiresGrad(true);
            Tensor b2 = Tensor.zeros(32).requiresGrad(true);
            Tensor w3 = Tensor.randn(g, 32, 4).mul(0.18).requiresGrad(true);
            Tensor b3 = Tensor.zeros(4).requiresGrad(true);
            List<Tensor> params = List.of(w1, b1, w2, b2, w3, b3);
            double[] losses = new double[50];
            for (int step = 0; step < 50; step++) {
                Tensor h = x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).relu();
                Tensor loss = h.matmul(w3).add(b3).sub(y).square().mean();
                loss.backward();
                try (var ignored = Autograd.noGrad()) {
                    for (Tensor p : params) {
                        p.addInPlace(p.grad(), -0.05);
                        p.zeroGrad();
                    }
                }
                losses[step] = loss.item();
            }
            return losses;
        }
    }

    @Test
    void mlpTrainedFiftyStepsEndsWithTheSameLoss() {
        OpenClBackend cl = OpenClTests.backend();
        double[] onCpu = train(cpu);
        double[] onCl = train(cl);
        assertEquals(onCpu[0], onCl[0], 1e-5 * onCpu[0], "the first loss (same initial weights)");
        double last = onCpu[49];
        assertTrue(last < onCpu[0], "the MLP learns: " + onCpu[0] + " -> " + last);
        assertEquals(last, onCl[49], 1e-3 * last, "loss after 50 steps: cpu " + last + ", opencl " + onCl[49]);
    }

    @Test
    void deviceMemoryIsFlatAcrossTrainingSteps() throws InterruptedException {
        OpenClBackend cl = OpenClTests.backend();
        train(cl);
        long first = settledLiveBytes(cl);
        for (int i = 0; i < 3; i++) {
            train(cl);
        }
        long later = settledLiveBytes(cl);
        // intermediates the tape drops are returned by the Cleaner; nothing accumulates across runs
        assertTrue(later <= first + (1 << 20), "live device bytes grew from " + first + " to " + later);
    }

    private static long settledLiveBytes(OpenClBackend cl) throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            best = Math.min(best, cl.liveBytes());
        }
        return best;
    }
}
