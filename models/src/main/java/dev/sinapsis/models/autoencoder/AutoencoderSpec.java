package dev.sinapsis.models.autoencoder;

import dev.sinapsis.models.ConfigException;
import dev.sinapsis.models.ModelConfig;
import dev.sinapsis.tensor.Generator;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which {@link ConvAutoencoder} to build: enough to rebuild it from a checkpoint's metadata.
 *
 * @param decoder  how the decoder upsamples
 * @param filters  {@code {F1, F2}}, the encoder's filter counts
 * @param image    image shape {@code {C, H, W}}, H and W multiples of 4
 */
public record AutoencoderSpec(ConvAutoencoder.Decoder decoder, int[] filters, int[] image) implements ModelConfig {
    /** The model's name on the command line. */
    public static final String KIND = "autoencoder";
    /** Most filters accepted in a convolution. */
    public static final int MAX_FILTERS = 512;

    /** @throws ConfigException for filter counts or an image shape out of range */
    public AutoencoderSpec {
        if (filters.length != 2 || Arrays.stream(filters).anyMatch(f -> f < 1 || f > MAX_FILTERS)) {
            throw new ConfigException("autoencoder takes two filter counts (--hidden F1,F2) between 1 and " + MAX_FILTERS
                    + ", got " + Arrays.toString(filters));
        }
        if (image.length != 3 || image[0] < 1 || image[1] < 4 || image[2] < 4 || image[1] % 4 != 0
                || image[2] % 4 != 0) {
            throw new ConfigException("the autoencoder takes images whose height and width are multiples of 4, got "
                    + Arrays.toString(image));
        }
        filters = filters.clone();
        image = image.clone();
    }

    /** The defaults on {@code image}-shaped data: unpooling decoder, filters 16 and 32. */
    public static AutoencoderSpec defaults(int[] image) {
        return new AutoencoderSpec(ConvAutoencoder.Decoder.UNPOOL, new int[] {16, 32}, image);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int[] filters() {
        return filters.clone();
    }

    @Override
    public int[] image() {
        return image.clone();
    }

    /** A new autoencoder initialised from {@code init}. */
    public ConvAutoencoder build(Generator init) {
        return new ConvAutoencoder(image[0], filters[0], filters[1], decoder, init);
    }

    @Override
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sinapsis.model", KIND);
        m.put("sinapsis.model.decoder", decoder.label());
        m.put("sinapsis.model.widths", filters[0] + "," + filters[1]);
        m.put("sinapsis.model.image", image[0] + "," + image[1] + "," + image[2]);
        return m;
    }

    /**
     * The spec stored by {@link #toMetadata}.
     *
     * @throws ConfigException naming the missing, malformed or invalid entry
     */
    public static AutoencoderSpec fromMetadata(Map<String, String> meta) {
        String decoder = meta.get("sinapsis.model.decoder");
        if (decoder == null) {
            throw new ConfigException("checkpoint metadata has no 'sinapsis.model.decoder' (not written by sinapsis train?)");
        }
        return new AutoencoderSpec(ConvAutoencoder.Decoder.parse(decoder),
                dev.sinapsis.models.gan.GanSpec.metadataInts(meta, "sinapsis.model.widths", 2),
                dev.sinapsis.models.gan.GanSpec.metadataInts(meta, "sinapsis.model.image", 3));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AutoencoderSpec s && s.decoder == decoder && Arrays.equals(s.filters, filters)
                && Arrays.equals(s.image, image);
    }

    @Override
    public int hashCode() {
        return decoder.hashCode() * 31 + Arrays.hashCode(filters) * 7 + Arrays.hashCode(image);
    }

    @Override
    public String toString() {
        return "autoencoder[" + decoder.label() + ", filters " + filters[0] + "," + filters[1] + "]";
    }
}
