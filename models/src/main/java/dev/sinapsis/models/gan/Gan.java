package dev.sinapsis.models.gan;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.models.TrainingDivergedException;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.functional.Losses;
import dev.sinapsis.optim.Adam;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;

/**
 * A generator and a discriminator with an Adam optimizer each, trained with the non-saturating
 * loss of Goodfellow et al. 2014 on BCE-with-logits, as in PyTorch's DCGAN example:
 * <pre>
 * fake = G(z)
 * D step:  loss_D = BCE(D(T(x)), 1 - s) + BCE(D(T(fake.detach())), 0)  (s: one-sided label smoothing)
 * G step:  loss_G = BCE(D'(T(fake)), 1)                                 (D': D after its step)
 * </pre>
 * where T is the identity or, with {@code Options.translation() > 0}, a {@link RandomTranslation}
 * with fresh shifts at each use (DiffAugment's translation).
 * During the G step the discriminator's parameters do not require gradients, so its weight
 * gradients are neither computed nor accumulated (after {@link #step} they hold the D step's).
 * Both networks are in training mode during a step (batch norm uses batch statistics and updates
 * its running ones); {@link #sample} uses evaluation mode.
 *
 * <pre>{@code
 * Gan gan = Gan.create(GanSpec.defaults("gan", new int[] {1, 28, 28}), Gan.Options.DEFAULT, new Generator(42),
 *         new Generator(43));
 * Gan.StepResult r = gan.step(Gan.toGanRange(batch.inputs()), Tensor.randn(noise, 64, 100));
 * }</pre>
 */
public final class Gan implements AutoCloseable {
    /**
     * Optimizer settings, label smoothing and the discriminator's augmentation.
     *
     * @param lrGenerator     learning rate of G's Adam
     * @param lrDiscriminator learning rate of D's Adam
     * @param beta1           Adam's β1 (0.5 for GANs, as in the DCGAN paper)
     * @param beta2           Adam's β2
     * @param labelSmoothing  s in {@code [0, 0.5)}: real images are labelled {@code 1 - s} for D
     * @param translation     largest shift in pixels of the {@link RandomTranslation} applied to every
     *                        image D sees, real and generated, in both updates (0: none)
     */
    public record Options(double lrGenerator, double lrDiscriminator, double beta1, double beta2,
                          double labelSmoothing, int translation) {
        /** lr 2e-4 for both, β = (0.5, 0.999), no smoothing, no augmentation. */
        public static final Options DEFAULT = new Options(2e-4, 2e-4, 0.5, 0.999, 0, 0);

        /** @throws IllegalArgumentException for a value out of range */
        public Options {
            if (!(lrGenerator > 0 && lrGenerator < 1e3) || !(lrDiscriminator > 0 && lrDiscriminator < 1e3)) {
                throw new IllegalArgumentException("the learning rates must be positive (and finite), got "
                        + lrGenerator + " and " + lrDiscriminator);
            }
            if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
                throw new IllegalArgumentException("label smoothing must be in [0, 0.5), got " + labelSmoothing);
            }
            if (translation < 0 || translation > RandomTranslation.MAX_SHIFT) {
                throw new IllegalArgumentException("the translation must be 0 to " + RandomTranslation.MAX_SHIFT
                        + " pixels, got " + translation);
            }
        }

        /** Without augmentation. */
        public Options(double lrGenerator, double lrDiscriminator, double beta1, double beta2, double labelSmoothing) {
            this(lrGenerator, lrDiscriminator, beta1, beta2, labelSmoothing, 0);
        }
    }

    /**
     * What one step measured.
     *
     * @param lossD the discriminator's loss (sum of the real and fake terms), before its update
     * @param lossG the generator's loss, against the updated discriminator
     * @param dReal mean D(x) = sigmoid(logit) on the real batch, before the update
     * @param dFake mean D(G(z)) on the fake batch, before the update
     */
    public record StepResult(double lossD, double lossG, double dReal, double dFake) {
    }

    private final GanSpec spec;
    private final Module generator;
    private final Module discriminator;
    private final Optimizer optG;
    private final Optimizer optD;
    private final Options options;
    private final RandomTranslation translation;
    private final Generator augment;

    /** A pair with fresh optimizers and no augmentation; the networks may have been built by {@link GanSpec} or loaded. */
    public Gan(GanSpec spec, Module generator, Module discriminator, Options options) {
        this(spec, generator, discriminator, options, null);
    }

    /**
     * A pair with fresh optimizers; {@code augment} draws the shifts of the discriminator's
     * {@link RandomTranslation} (needed when {@code options.translation() > 0}).
     */
    public Gan(GanSpec spec, Module generator, Module discriminator, Options options, Generator augment) {
        if (options.translation() > 0 && augment == null) {
            throw new IllegalArgumentException("Gan: a translation of " + options.translation()
                    + " pixels needs a generator for its shifts");
        }
        this.translation = new RandomTranslation(options.translation(), -1);
        this.augment = augment;
        this.spec = spec;
        this.generator = generator;
        this.discriminator = discriminator;
        this.options = options;
        this.optG = Adam.builder(generator.parameters()).lr(options.lrGenerator()).betas(options.beta1(), options.beta2())
                .build();
        this.optD = Adam.builder(discriminator.parameters()).lr(options.lrDiscriminator())
                .betas(options.beta1(), options.beta2()).build();
    }

    /**
     * A new pair built from {@code spec}, G initialised first from {@code init}, then D; D's
     * dropout masks (if any) come from {@code dropout}.
     */
    public static Gan create(GanSpec spec, Options options, Generator init, Generator dropout) {
        return create(spec, options, init, dropout, null);
    }

    /** As {@link #create(GanSpec, Options, Generator, Generator)}, with the generator of D's augmentation shifts. */
    public static Gan create(GanSpec spec, Options options, Generator init, Generator dropout, Generator augment) {
        Module g = spec.generator(init);
        Module d = spec.discriminator(init, dropout);
        return new Gan(spec, g, d, options, augment);
    }

    /** What D sees of {@code images}: them, or their random translation. */
    private Tensor seen(Tensor images) {
        return translation.shift() == 0 ? images : translation.apply(images, augment);
    }

    /**
     * Reads a scalar loss before its backward pass, refusing a non-finite one (a training loop's
     * divergence check, e.g. {@code StepContext::requireFinite}).
     */
    @FunctionalInterface
    public interface LossCheck {
        /**
         * The value of {@code loss}.
         *
         * @param name "discriminator loss" or "generator loss"
         * @throws RuntimeException (e.g. {@link TrainingDivergedException}) to stop before the update
         */
        double value(String name, Tensor loss);
    }

    /** Throws {@link TrainingDivergedException} for a non-finite loss. */
    public static final LossCheck FINITE = (name, loss) -> {
        double v = loss.item();
        if (!Double.isFinite(v)) {
            throw new TrainingDivergedException("the " + name + " became " + v + " (the step was not applied)");
        }
        return v;
    };

    /** One D update then one G update on a real batch {@code [N, C, H, W]} in [-1, 1] and noise {@code [N, latent]}. */
    public StepResult step(Tensor real, Tensor z) {
        return step(real, z, FINITE);
    }

    /**
     * As {@link #step(Tensor, Tensor)}, reading each loss through {@code check} before its
     * backward pass (so a non-finite loss stops the step before that network's update).
     */
    public StepResult step(Tensor real, Tensor z, LossCheck check) {
        if (real.rank() != 4 || real.dim(0) == 0 || z.rank() != 2 || z.dim(0) != real.dim(0)) {
            throw new IllegalArgumentException("Gan.step: expected a non-empty batch of images [N, C, H, W] and noise [N, "
                    + spec.latent() + "], got " + real.shape() + " and " + z.shape());
        }
        generator.train();
        discriminator.train();
        Tensor fake = generator.forward(z);
        optD.zeroGrad();
        Tensor realLogits = discriminator.forward(seen(real));
        Tensor fakeLogits = discriminator.forward(seen(fake.detach()));
        Tensor realTarget = Tensor.full(realLogits.shape(), realLogits.dtype(), 1 - options.labelSmoothing());
        Tensor lossD = Losses.bceWithLogits(realLogits, realTarget)
                .add(Losses.bceWithLogits(fakeLogits, Tensor.zeros(fakeLogits.shape(), fakeLogits.dtype())));
        double ld = check.value("discriminator loss", lossD);
        double dReal;
        double dFake;
        try (var ignored = Autograd.noGrad()) {
            dReal = realLogits.sigmoid().mean().item();
            dFake = fakeLogits.sigmoid().mean().item();
        }
        lossD.backward();
        optD.step();

        optG.zeroGrad();
        requireGrad(discriminator, false);
        double lg;
        try {
            Tensor logits = discriminator.forward(seen(fake));
            Tensor lossG = Losses.bceWithLogits(logits, Tensor.ones(logits.shape(), logits.dtype()));
            lg = check.value("generator loss", lossG);
            lossG.backward();
        } finally {
            requireGrad(discriminator, true);
        }
        optG.step();
        return new StepResult(ld, lg, dReal, dFake);
    }

    private static void requireGrad(Module m, boolean on) {
        for (Tensor p : m.parameters()) {
            p.requiresGrad(on);
        }
    }

    /**
     * Images {@code [N, C, H, W]} in [-1, 1] generated from {@code z} with the generator in
     * evaluation mode (batch norm on its running statistics), without recording gradients; the
     * generator's mode is restored afterwards.
     */
    public Tensor sample(Tensor z) {
        boolean wasTraining = generator.isTraining();
        generator.eval();
        try (var ignored = Autograd.noGrad()) {
            return generator.forward(z);
        } finally {
            if (wasTraining) {
                generator.train();
            }
        }
    }

    /** Maps pixels from [0, 1] (the datasets) to [-1, 1] (tanh). */
    public static Tensor toGanRange(Tensor unit) {
        return unit.mul(2).sub(1);
    }

    /** Maps pixels from [-1, 1] back to [0, 1], clamped. */
    public static Tensor toUnitRange(Tensor ganRange) {
        return ganRange.add(1).mul(0.5).clamp(0, 1);
    }

    /** What was built. */
    public GanSpec spec() {
        return spec;
    }

    /** The generator G. */
    public Module generator() {
        return generator;
    }

    /** The discriminator D. */
    public Module discriminator() {
        return discriminator;
    }

    /** G's optimizer. */
    public Optimizer optimizerG() {
        return optG;
    }

    /** D's optimizer. */
    public Optimizer optimizerD() {
        return optD;
    }

    /** The settings. */
    public Options options() {
        return options;
    }

    /** Releases both networks and both optimizers' state. */
    @Override
    public void close() {
        optG.close();
        optD.close();
        generator.close();
        discriminator.close();
    }
}
