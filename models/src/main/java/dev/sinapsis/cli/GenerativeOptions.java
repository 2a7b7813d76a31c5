package dev.sinapsis.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code train gan|dcgan|autoencoder}. */
final class GenerativeOptions {
    @Option(names = "--latent", paramLabel = "N", description = "gan, dcgan: size of the latent vector (default: 100).")
    Integer latent;

    @Option(names = "--refine", negatable = true,
            description = "dcgan: a stride-1 3x3 convolution block after each of the generator's first two stages and"
                    + " after the discriminator's second (default); --no-refine: the DCGAN paper's layout.")
    Boolean refine;

    @Option(names = "--label-smoothing", paramLabel = "S",
            description = "gan, dcgan: one-sided label smoothing, real images labelled 1 - S for the discriminator"
                    + " (default: 0).")
    Double labelSmoothing;

    @Option(names = "--translate", paramLabel = "PIXELS",
            description = "gan, dcgan: shift every image the discriminator sees (real and generated) by up to PIXELS"
                    + " in each direction, at random (DiffAugment's translation; default: 2 for gan, 0 for dcgan;"
                    + " 0: off).")
    Integer translate;

    @Option(names = "--quality-samples", paramLabel = "N",
            description = "gan, dcgan: samples judged after every epoch by the shipped classifier (FID, IS, confident"
                    + " share, classes; default 1000; 0: off).")
    Integer qualitySamples;

    @Option(names = "--denoise", paramLabel = "SIGMA", arity = "0..1", fallbackValue = "0.5",
            description = "autoencoder: learn to remove Gaussian noise of standard deviation SIGMA from the input"
                    + " (the option alone: 0.5; default: 0, a plain autoencoder).")
    Double denoise;

    @Option(names = "--decoder", paramLabel = "KIND",
            description = "autoencoder: unpool (MaxUnpool2d with the encoder's pooling indices, default) or transposed"
                    + " (ConvTranspose2d).")
    String decoder;

    /** Whether any of these options was given. */
    boolean any() {
        return latent != null || refine != null || labelSmoothing != null || qualitySamples != null || translate != null || denoise != null
                || decoder != null;
    }

    /**
     * Refuses the options that do not apply to {@code kind}: {@code --[no-]refine} unless dcgan, the
     * GAN options unless {@code gan},
     * the autoencoder's unless {@code autoencoder}.
     */
    void rejectUnless(String kind, boolean gan, boolean autoencoder) {
        List<String> wrong = new ArrayList<>();
        if (!kind.equals("dcgan")) {
            add(wrong, refine, refine != null && !refine ? "--no-refine" : "--refine");
        }
        if (!gan) {
            add(wrong, latent, "--latent");
            add(wrong, labelSmoothing, "--label-smoothing");
            add(wrong, qualitySamples, "--quality-samples");
            add(wrong, translate, "--translate");
        }
        if (!autoencoder) {
            add(wrong, denoise, "--denoise");
            add(wrong, decoder, "--decoder");
        }
        if (!wrong.isEmpty()) {
            throw new UserException(String.join(", ", wrong) + (wrong.size() == 1 ? " does" : " do") + " not apply to "
                    + kind + " (see sinapsis train --help)");
        }
    }

    private static void add(List<String> wrong, Object value, String name) {
        if (value != null) {
            wrong.add(name);
        }
    }
}
