/**
 * Generative adversarial networks built on the public nn API: an MLP pair
 * ({@link dev.sinapsis.models.gan.MlpGenerator}, {@link dev.sinapsis.models.gan.MlpDiscriminator}),
 * a DCGAN pair ({@link dev.sinapsis.models.gan.DcganGenerator},
 * {@link dev.sinapsis.models.gan.DcganDiscriminator}), and {@link dev.sinapsis.models.gan.Gan}, which
 * holds a pair with its two optimizers and takes the non-saturating training step.
 * Images are {@code [N, C, H, W]} in {@code [-1, 1]} (tanh); {@link dev.sinapsis.models.gan.Gan#toGanRange}
 * maps data in {@code [0, 1]} there.
 */
package dev.sinapsis.models.gan;
