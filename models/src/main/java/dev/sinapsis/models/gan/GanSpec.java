package dev.sinapsis.models.gan;

import dev.sinapsis.models.ConfigException;
import dev.sinapsis.models.ModelConfig;
import dev.sinapsis.nn.Module;
import dev.sinapsis.tensor.Generator;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which generator/discriminator pair to build: enough to rebuild it from a checkpoint's metadata.
 *
 * @param kind   {@code "gan"} (MLP pair) or {@code "dcgan"}
 * @param latent size of the latent vector
 * @param widths gan: the generator's hidden widths (the discriminator uses them reversed, so the
 *               default {@code {256, 512, 1024}} gives G 100-256-512-1024-784 and D 784-1024-512-256-1);
 *               dcgan: {@code {F}}, the base filter count
 * @param image  image shape {@code {C, H, W}}
 * @param dropout gan: dropout probability after each hidden layer of the discriminator; dcgan: 0
 * @param refine dcgan: the stride-1 refinement blocks ({@link DcganGenerator}, {@link DcganDiscriminator});
 *               false: the DCGAN paper's layout (and always for gan)
 */
public record GanSpec(String kind, int latent, int[] widths, int[] image, double dropout, boolean refine)
        implements ModelConfig {
    /** The kinds. */
    public static final java.util.List<String> KINDS = java.util.List.of("gan", "dcgan");
    /** Largest latent size accepted. */
    public static final int MAX_LATENT = 4096;
    /** Widest MLP layer accepted. */
    public static final int MAX_WIDTH = 4096;
    /** Most DCGAN base filters accepted. */
    public static final int MAX_FILTERS = 512;
    /**
     * The MLP discriminator's default dropout: none, since the random translation of the images it
     * sees ({@code --translate}, on by default for the MLP GAN) keeps it from memorising the few
     * real images, and measured better than dropout 0.3 with it (confident share 0.69 against 0.58).
     */
    public static final double DEFAULT_DROPOUT = 0;
    /** The metadata key of {@link #refine}. */
    private static final String REFINE_KEY = "sinapsis.model.refine";
    /** The DCGAN's default base filter count. */
    public static final int DEFAULT_FILTERS = 64;

    /** @throws ConfigException for an unknown kind or sizes out of range */
    public GanSpec {
        kind = kind.toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new ConfigException("unknown generative model '" + kind + "'; choose gan or dcgan");
        }
        if (latent < 1 || latent > MAX_LATENT) {
            throw new ConfigException("--latent must be between 1 and " + MAX_LATENT + ", got " + latent);
        }
        if (image.length != 3 || Arrays.stream(image).anyMatch(d -> d < 1)) {
            throw new ConfigException("images must have a shape {C, H, W}, got " + Arrays.toString(image));
        }
        if (kind.equals("dcgan")) {
            if (widths.length != 1 || widths[0] < 1 || widths[0] > MAX_FILTERS) {
                throw new ConfigException("dcgan takes one base filter count between 1 and " + MAX_FILTERS + ", got "
                        + Arrays.toString(widths));
            }
            checkDcganImage("dcgan", image);
        } else if (widths.length == 0 || Arrays.stream(widths).anyMatch(w -> w < 1 || w > MAX_WIDTH)) {
            throw new ConfigException("gan takes one or more hidden widths between 1 and " + MAX_WIDTH + ", got "
                    + Arrays.toString(widths));
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new ConfigException("dropout must be in [0, 1), got " + dropout);
        }
        if (refine && !kind.equals("dcgan")) {
            throw new ConfigException("the refinement blocks (--refine) are for dcgan, not " + kind);
        }
        if (kind.equals("dcgan") && dropout != 0) {
            throw new ConfigException("dcgan's discriminator has no dropout (batch norm regularises it); leave out --dropout");
        }
        widths = widths.clone();
        image = image.clone();
    }

    /** A spec without discriminator dropout. */
    public GanSpec(String kind, int latent, int[] widths, int[] image) {
        this(kind, latent, widths, image, 0);
    }

    /** A spec without the DCGAN refinement blocks. */
    public GanSpec(String kind, int latent, int[] widths, int[] image, double dropout) {
        this(kind, latent, widths, image, dropout, false);
    }

    /**
     * The defaults for {@code kind} on {@code image}-shaped data: latent 100; gan: G 256-512-1024,
     * D 1024-512-256 with dropout {@value #DEFAULT_DROPOUT} (the third layer lifted the confident
     * share of the samples from 0.69 to 0.82 in a sweep, README.md); dcgan: F = {@value #DEFAULT_FILTERS}
     * with the refinement blocks.
     */
    public static GanSpec defaults(String kind, int[] image) {
        return kind.equals("dcgan") ? new GanSpec(kind, 100, new int[] {DEFAULT_FILTERS}, image, 0, true)
                : new GanSpec(kind, 100, new int[] {256, 512, 1024}, image, DEFAULT_DROPOUT);
    }

    static void checkDcganImage(String who, int[] image) {
        if (image.length != 3 || image[1] % 4 != 0 || image[2] % 4 != 0 || image[1] < 4 || image[2] < 4) {
            throw new ConfigException(who + ": image height and width must be multiples of 4, got "
                    + Arrays.toString(image));
        }
    }

    /** A new generator, initialised from {@code init}. */
    public Module generator(Generator init) {
        return kind.equals("dcgan") ? new DcganGenerator(latent, widths[0], image, refine, init)
                : new MlpGenerator(latent, widths, image, init);
    }

    /** A new discriminator, initialised from {@code init}, its dropout masks (if any) from {@code dropoutGen}. */
    public Module discriminator(Generator init, Generator dropoutGen) {
        if (kind.equals("dcgan")) {
            return new DcganDiscriminator(image, widths[0], refine, init);
        }
        int[] reversed = new int[widths.length];
        for (int i = 0; i < widths.length; i++) {
            reversed[i] = widths[widths.length - 1 - i];
        }
        return new MlpDiscriminator(image, reversed, dropout, init, dropoutGen);
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    @Override
    public int[] image() {
        return image.clone();
    }

    /** The spec as checkpoint metadata ({@code sinapsis.model} = kind, latent, widths, image). */
    @Override
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sinapsis.model", kind);
        m.put("sinapsis.model.latent", Integer.toString(latent));
        m.put("sinapsis.model.widths", join(widths));
        m.put("sinapsis.model.image", join(image));
        m.put("sinapsis.model.dropout", Double.toString(dropout));
        m.put(REFINE_KEY, Boolean.toString(refine));
        return m;
    }

    /**
     * The spec stored by {@link #toMetadata}.
     *
     * @throws ConfigException naming the missing, malformed or invalid entry
     */
    public static GanSpec fromMetadata(Map<String, String> meta) {
        return new GanSpec(required(meta, "sinapsis.model"), metadataInts(meta, "sinapsis.model.latent", 1)[0],
                metadataInts(meta, "sinapsis.model.widths", 16), metadataInts(meta, "sinapsis.model.image", 3),
                metadataDouble(meta, "sinapsis.model.dropout"), refineFromMetadata(meta));
    }

    /** The refinement flag; runs written before it existed have none and are the paper's layout. */
    private static boolean refineFromMetadata(Map<String, String> meta) {
        String v = meta.get(REFINE_KEY);
        if (v == null || v.equals("false")) {
            return false;
        }
        if (v.equals("true")) {
            return true;
        }
        throw new ConfigException("checkpoint metadata '" + REFINE_KEY + "' must be true or false, got " + v);
    }

    private static double metadataDouble(Map<String, String> meta, String key) {
        String v = required(meta, key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new ConfigException("checkpoint metadata '" + key + "' is not a number: " + v);
        }
    }

    static String required(Map<String, String> meta, String key) {
        String v = meta.get(key);
        if (v == null) {
            throw new ConfigException("checkpoint metadata has no '" + key + "' (not written by sinapsis train?)");
        }
        return v;
    }

    /** Metadata {@code key}: at most {@code max} comma-separated integers (at least one), or a ConfigException naming it. */
    public static int[] metadataInts(Map<String, String> meta, String key, int max) {
        String v = required(meta, key);
        String[] parts = v.split(",", -1);
        if (parts.length > max) {
            throw new ConfigException("checkpoint metadata '" + key + "' lists " + parts.length + " values, at most "
                    + max + " expected");
        }
        try {
            return Arrays.stream(parts).mapToInt(p -> Integer.parseInt(p.strip())).toArray();
        } catch (NumberFormatException e) {
            throw new ConfigException("checkpoint metadata '" + key + "' is not a list of integers: " + v);
        }
    }

    private static String join(int[] v) {
        return Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GanSpec s && s.kind.equals(kind) && s.latent == latent && Arrays.equals(s.widths, widths)
                && Arrays.equals(s.image, image) && Double.compare(s.dropout, dropout) == 0 && s.refine == refine;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + latent + Arrays.hashCode(widths) * 7 + Arrays.hashCode(image) + (refine ? 1 : 0);
    }

    @Override
    public String toString() {
        return kind + (kind.equals("dcgan") ? "[F " + widths[0] + (refine ? ", refined" : "")
                : "[" + join(widths) + ", D dropout " + dropout)
                + ", latent " + latent + "]";
    }
}
