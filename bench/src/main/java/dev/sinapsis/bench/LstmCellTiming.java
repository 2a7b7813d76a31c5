package dev.sinapsis.bench;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.backend.Capabilities;
import dev.sinapsis.backend.LstmCellOps;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.FusedLstmCell;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times the LSTM cell's pointwise part (forward, and forward + backward) on the current backend,
 * fused ({@link FusedLstmCell}) and composite (sigmoid, tanh, mul, add), on ordinary inputs and on
 * saturated ones whose composite results are subnormal — the slow path of x86 that the fused kernels
 * avoid (see {@link LstmCellOps}). Not a test: run it by hand.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.sinapsis.bench.LstmCellTiming [B H [reps]]
 * </pre>
 *
 * Prints one line per configuration: the median and the best microseconds per call over
 * {@code reps} calls (default 200) after as many warm-up calls, for {@code B x H} (default 64 x 128, the IMDB LSTM's
 * batch and hidden size), F32.
 */
public final class LstmCellTiming {
    private LstmCellTiming() {
    }

    public static void main(String[] argv) {
        int b = argv.length > 0 ? Integer.parseInt(argv[0]) : 64;
        int h = argv.length > 1 ? Integer.parseInt(argv[1]) : 128;
        int reps = argv.length > 2 ? Integer.parseInt(argv[2]) : 200;
        System.out.printf(Locale.ROOT, "LSTM cell pointwise, backend %s, B=%d H=%d F32, median of %d calls%n",
                Backends.current().name(), b, h, reps);
        if (Capabilities.find(Backends.current(), LstmCellOps.class).isEmpty()) {
            System.out.println("the backend offers no fused LSTM cell; only the composite is timed");
        }
        for (boolean saturated : new boolean[] {false, true}) {
            for (boolean fused : new boolean[] {true, false}) {
                for (boolean backward : new boolean[] {false, true}) {
                    double[] us = time(b, h, reps, saturated, fused, backward);
                    System.out.printf(Locale.ROOT, "%-10s %-9s %-17s median %9.1f us   best %9.1f us%n",
                            saturated ? "saturated" : "ordinary", fused ? "fused" : "composite",
                            backward ? "forward+backward" : "forward", us[0], us[1]);
                }
            }
        }
    }

    /** Pre-activations {@code [b, 4h]} and {@code cPrev [b, h]}; saturated: sigmoid's argument in [-100, -88]. */
    private static Tensor[] inputs(int b, int h, boolean saturated) {
        Generator g = new Generator(7);
        Tensor gates = saturated ? Tensor.uniform(g, Shape.of(b, 4 * h), DType.F32, -100, -88)
                : Tensor.normal(g, Shape.of(b, 4 * h), DType.F32, 0, 2);
        Tensor cPrev = Tensor.normal(g, Shape.of(b, h), DType.F32, 0, 1);
        return new Tensor[] {MemoryScope.escape(gates), MemoryScope.escape(cPrev)};
    }

    private static Tensor[] cell(Tensor gates, Tensor cPrev, boolean fused) {
        if (fused && FusedLstmCell.available(gates, cPrev)) {
            return FusedLstmCell.apply(gates, cPrev);
        }
        int h = cPrev.dim(1);
        Tensor i = gates.narrow(1, 0, h).sigmoid();
        Tensor f = gates.narrow(1, h, h).sigmoid();
        Tensor g = gates.narrow(1, 2 * h, h).tanh();
        Tensor o = gates.narrow(1, 3 * h, h).sigmoid();
        Tensor c = f.mul(cPrev).add(i.mul(g));
        return new Tensor[] {o.mul(c.tanh()), c};
    }

    private static double[] time(int b, int h, int reps, boolean saturated, boolean fused, boolean backward) {
        Tensor[] in = inputs(b, h, saturated);
        Tensor wh = MemoryScope.escape(Tensor.normal(new Generator(8), Shape.of(b, h), DType.F32, 0, 1));
        Tensor wc = MemoryScope.escape(Tensor.normal(new Generator(9), Shape.of(b, h), DType.F32, 0, 1));
        long[] t = new long[reps];
        for (int k = -reps; k < reps; k++) {
            try (MemoryScope scope = MemoryScope.open()) {
                long t0 = System.nanoTime();
                Tensor gates = in[0].detach().requiresGrad(backward);
                Tensor cPrev = in[1].detach().requiresGrad(backward);
                Tensor[] hc = cell(gates, cPrev, fused);
                if (backward) {
                    hc[0].mul(wh).sum().add(hc[1].mul(wc).sum()).backward();
                    gates.grad().toFloatArray(); // wait for the device
                } else {
                    hc[0].sum().item();
                }
                if (k >= 0) {
                    t[k] = System.nanoTime() - t0;
                }
            }
        }
        Arrays.sort(t);
        return new double[] {t[reps / 2] / 1e3, t[0] / 1e3};
    }
}
