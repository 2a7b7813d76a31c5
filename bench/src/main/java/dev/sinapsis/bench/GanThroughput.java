package dev.sinapsis.bench;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.backend.cpu.CpuBackend;
import dev.sinapsis.backend.cpu.Parallel;
import dev.sinapsis.nn.BatchNorm1d;
import dev.sinapsis.nn.BatchNorm2d;
import dev.sinapsis.nn.Conv2d;
import dev.sinapsis.nn.ConvTranspose2d;
import dev.sinapsis.nn.Flatten;
import dev.sinapsis.nn.LeakyReLU;
import dev.sinapsis.nn.Linear;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.ReLU;
import dev.sinapsis.nn.Sequential;
import dev.sinapsis.nn.Tanh;
import dev.sinapsis.nn.functional.Losses;
import dev.sinapsis.optim.Adam;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.Locale;

/**
 * Throughput of one GAN training step on the CPU backend, for {@code bench/compare_training.sh}
 * to run next to the same step in PyTorch ({@code bench/train_throughput.py gan|dcgan}): the
 * step of {@code sinapsis train gan|dcgan} (dev.sinapsis.models.gan.Gan) on a fixed real batch and
 * fixed noise, so only compute is timed: {@code fake = G(z)}; D update on
 * {@code BCE(D(x), 1) + BCE(D(fake.detach()), 0)}; G update on {@code BCE(D(fake), 1)} with D's
 * parameters frozen; Adam (2e-4, β 0.5, 0.999) for each. Prints one JSON line.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     dev.sinapsis.bench.GanThroughput gan|dcgan [batch] [steps]
 * </pre>
 *
 * <ul>
 *   <li>{@code gan}: G 100-256-512-784 (Linear without bias, BatchNorm1d eps 0.8, LeakyReLU 0.2; tanh), D 784-512-256-1
 *   (LeakyReLU 0.2), batch 64 by default.</li>
 *   <li>{@code dcgan}: G ConvT(100→128, k7) BN ReLU, ConvT(128→64, k4 s2 p1) BN ReLU, ConvT(64→1,
 *   k4 s2 p1) tanh; D Conv(1→64, k4 s2 p1) LeakyReLU, Conv(64→128, k4 s2 p1) BN LeakyReLU,
 *   Conv(128→1, k7); 28 x 28 images.</li>
 * </ul>
 * The networks are copies of the models' (bench does not depend on {@code models}).
 */
public final class GanThroughput {
    private GanThroughput() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || !(args[0].equals("gan") || args[0].equals("dcgan"))) {
            System.err.println("usage: GanThroughput gan|dcgan [batch] [steps]");
            System.exit(2);
        }
        boolean dc = args[0].equals("dcgan");
        int batch;
        int steps;
        try {
            batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
            steps = args.length > 2 ? Integer.parseInt(args[2]) : dc ? 20 : 100;
        } catch (NumberFormatException e) {
            System.err.println("GanThroughput: batch and steps must be integers, got " + String.join(" ", args));
            System.exit(2);
            return;
        }
        Backends.use(new CpuBackend());
        Generator gen = new Generator(42);
        Module g = dc ? dcganGenerator(gen) : mlpGenerator(gen);
        Module d = dc ? dcganDiscriminator(gen) : mlpDiscriminator(gen);
        Optimizer optG = Adam.builder(g.parameters()).lr(2e-4).betas(0.5, 0.999).build();
        Optimizer optD = Adam.builder(d.parameters()).lr(2e-4).betas(0.5, 0.999).build();
        Tensor real = Tensor.rand(gen, batch, 1, 28, 28).mul(2).sub(1);
        Tensor z = Tensor.randn(gen, batch, 100);
        Warmup.run(Math.max(5, steps / 3), () -> step(g, d, optG, optD, real, z, dc));
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            step(g, d, optG, optD, real, z, dc);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println(String.format(Locale.ROOT,
                "{\"bench\":\"train\",\"model\":\"%s\",\"impl\":\"sinapsis-cpu\",\"batch\":%d,\"threads\":%d,"
                        + "\"steps\":%d,\"ms_per_step\":%.3f,\"samples_per_sec\":%.1f}",
                args[0], batch, Parallel.threads(), steps, seconds * 1000 / steps, steps * (double) batch / seconds));
    }

    private static void step(Module g, Module d, Optimizer optG, Optimizer optD, Tensor real, Tensor z, boolean dc) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor fake = g.forward(dc ? z.reshape(z.dim(0), 100, 1, 1) : z);
            fake = fake.reshape(fake.dim(0), 1, 28, 28);
            optD.zeroGrad();
            Tensor rl = d.forward(real).reshape(real.dim(0));
            Tensor fl = d.forward(fake.detach()).reshape(real.dim(0));
            Tensor lossD = Losses.bceWithLogits(rl, Tensor.onesLike(rl)).add(Losses.bceWithLogits(fl, Tensor.zerosLike(fl)));
            lossD.backward();
            optD.step();
            optG.zeroGrad();
            d.parameters().forEach(p -> p.requiresGrad(false));
            Tensor gl = d.forward(fake).reshape(real.dim(0));
            Losses.bceWithLogits(gl, Tensor.onesLike(gl)).backward();
            d.parameters().forEach(p -> p.requiresGrad(true));
            optG.step();
        }
    }

    static Module mlpGenerator(Generator gen) {
        return new Sequential(new Linear(100, 256, false, gen), new BatchNorm1d(256, 0.8, 0.1, true), new LeakyReLU(0.2),
                new Linear(256, 512, false, gen), new BatchNorm1d(512, 0.8, 0.1, true), new LeakyReLU(0.2),
                new Linear(512, 784, true, gen), new Tanh());
    }

    static Module mlpDiscriminator(Generator gen) {
        return new Sequential(new Flatten(), new Linear(784, 512, true, gen), new LeakyReLU(0.2),
                new Linear(512, 256, true, gen), new LeakyReLU(0.2), new Linear(256, 1, true, gen));
    }

    static Module dcganGenerator(Generator gen) {
        int[] one = {1, 1};
        int[] zero = {0, 0};
        return new Sequential(
                new ConvTranspose2d(100, 128, new int[] {7, 7}, one, zero, zero, one, false, gen), new BatchNorm2d(128),
                new ReLU(),
                new ConvTranspose2d(128, 64, new int[] {4, 4}, new int[] {2, 2}, one, zero, one, false, gen),
                new BatchNorm2d(64), new ReLU(),
                new ConvTranspose2d(64, 1, 4, 2, 1, 0, gen), new Tanh());
    }

    static Module dcganDiscriminator(Generator gen) {
        int[] one = {1, 1};
        return new Sequential(new Conv2d(1, 64, 4, 2, 1, 1, true, gen), new LeakyReLU(0.2),
                new Conv2d(64, 128, new int[] {4, 4}, new int[] {2, 2}, one, one, false, gen), new BatchNorm2d(128),
                new LeakyReLU(0.2),
                new Conv2d(128, 1, new int[] {7, 7}, one, new int[] {0, 0}, one, true, gen));
    }
}
