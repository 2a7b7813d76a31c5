package dev.sinapsis.bench;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.backend.cpu.CpuBackend;
import dev.sinapsis.backend.cpu.Parallel;
import dev.sinapsis.nn.LSTM;
import dev.sinapsis.nn.RecurrentOutput;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times one forward and backward pass of an LSTM layer on the CPU backend (no embedding, no
 * optimizer): the layer's own cost at the IMDB sentiment model's size. Prints one JSON line with
 * the median forward, backward and total wall-clock milliseconds, and the median CPU time the
 * process used per pass (all threads, the collector included: a steadier figure on a busy machine).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Dsinapsis.cpu.threads=2 -cp bench/target/benchmarks.jar \
 *     dev.sinapsis.bench.LstmStep [steps T=400] [batch 64] [hidden 128] [input 128] [reps 10] [full|var] [uni|bi]
 * </pre>
 *
 * <p>{@code var} gives the batch lengths spread uniformly between T/2 and T (so the masked path
 * runs); {@code bi} makes the layer bidirectional. The input requires grad, as an embedding's
 * output would, and the loss is the sum of the output sequence and the final states weighted by
 * fixed random numbers.
 */
public final class LstmStep {
    private LstmStep() {
    }

    public static void main(String[] args) {
        int steps = arg(args, 0, 400);
        int batch = arg(args, 1, 64);
        int hidden = arg(args, 2, 128);
        int input = arg(args, 3, 128);
        int reps = arg(args, 4, 10);
        boolean var = args.length > 5 && args[5].equals("var");
        boolean bi = args.length > 6 && args[6].equals("bi");
        Backends.use(new CpuBackend());
        Generator gen = new Generator(7);
        LSTM lstm = LSTM.builder(input, hidden).batchFirst(true).bidirectional(bi).generator(gen).build();
        Tensor x = Tensor.normal(gen, Shape.of(batch, steps, input), DType.F32, 0, 1);
        int[] lengths = null;
        if (var) {
            lengths = new int[batch];
            for (int b = 0; b < batch; b++) {
                lengths[b] = steps - (int) ((long) b * (steps / 2) / Math.max(1, batch - 1));
            }
        }
        Tensor wOut = Tensor.normal(gen, Shape.of(batch, steps, hidden * (bi ? 2 : 1)), DType.F32, 0, 1);
        int warmup = Math.max(3, reps / 2);
        double[] fwd = new double[reps];
        double[] bwd = new double[reps];
        double[] cpu = new double[reps];
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int r = -warmup; r < reps; r++) {
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor xi = x.detach().requiresGrad(true);
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                RecurrentOutput out = lstm.forward(xi, lengths);
                Tensor loss = out.output().mul(wOut).sum().add(out.hN().sum()).add(out.cN().sum());
                long t1 = System.nanoTime();
                lstm.zeroGrad();
                loss.backward();
                long t2 = System.nanoTime();
                long c2 = os.getProcessCpuTime();
                if (r >= 0) {
                    cpu[r] = (c2 - c0) / 1e6;
                    fwd[r] = (t1 - t0) / 1e6;
                    bwd[r] = (t2 - t1) / 1e6;
                }
            }
        }
        double f = median(fwd);
        double b = median(bwd);
        System.out.println(String.format(Locale.ROOT,
                "{\"bench\":\"lstm_step\",\"impl\":\"sinapsis-cpu\",\"threads\":%d,\"steps\":%d,\"batch\":%d,"
                        + "\"hidden\":%d,\"input\":%d,\"lengths\":\"%s\",\"bidirectional\":%b,\"reps\":%d,"
                        + "\"forward_ms\":%.1f,\"backward_ms\":%.1f,\"total_ms\":%.1f,\"process_cpu_ms\":%.1f}",
                Parallel.threads(), steps, batch, hidden, input, var ? "var" : "full", bi, reps, f, b, f + b,
                median(cpu)));
    }

    private static int arg(String[] args, int i, int dflt) {
        return args.length > i ? Integer.parseInt(args[i]) : dflt;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
