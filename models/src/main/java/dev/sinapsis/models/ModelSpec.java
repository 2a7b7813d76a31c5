package dev.sinapsis.models;

import dev.sinapsis.nn.Module;
import dev.sinapsis.tensor.Generator;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What model to build: enough to rebuild it from a checkpoint's metadata.
 *
 * @param kind       {@code "mlp"} or {@code "cnn"}
 * @param hidden     MLP: hidden widths; CNN: {@code {conv1 filters, conv2 filters, dense width}}
 * @param activation MLP hidden activation (the CNN uses ReLU)
 * @param dropout    drop probability
 */
public record ModelSpec(String kind, int[] hidden, String activation, double dropout) implements ModelConfig {
    /** The model names. */
    public static final java.util.List<String> KINDS = java.util.List.of("mlp", "cnn");
    /** Widest dense layer accepted (MLP hidden layers, the CNN's dense layer). */
    public static final int MAX_WIDTH = 4096;
    /** Most filters accepted in a CNN convolution. */
    public static final int MAX_FILTERS = 512;
    /** Most hidden layers accepted in an MLP. */
    public static final int MAX_LAYERS = 16;

    /**
     * @throws ConfigException for an unknown kind or activation, a dropout outside [0, 1), or
     *     widths that are not positive or larger than {@link #MAX_WIDTH} ({@link #MAX_FILTERS} for
     *     CNN filters)
     */
    public ModelSpec {
        kind = kind.toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new ConfigException("unknown model '" + kind + "'; choose mlp or cnn");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new ConfigException("dropout must be in [0, 1), got " + dropout);
        }
        if (kind.equals("cnn") && hidden.length != 3) {
            throw new ConfigException("cnn takes three widths (conv1 filters, conv2 filters, dense width),"
                    + " got " + Arrays.toString(hidden));
        }
        if (kind.equals("mlp") && hidden.length > MAX_LAYERS) {
            throw new ConfigException("mlp takes at most " + MAX_LAYERS + " hidden widths, got " + hidden.length);
        }
        for (int i = 0; i < hidden.length; i++) {
            int max = kind.equals("cnn") && i < 2 ? MAX_FILTERS : MAX_WIDTH;
            if (hidden[i] <= 0 || hidden[i] > max) {
                throw new ConfigException("layer widths must be between 1 and " + max
                        + (max == MAX_FILTERS ? " (cnn filters)" : "") + ", got " + Arrays.toString(hidden));
            }
        }
        Activations.create(activation);
        hidden = hidden.clone();
    }

    /** The defaults: MLP 784-512-256-10 ReLU with dropout 0.2; CNN 16/32 filters, dense 128, dropout 0.25. */
    public static ModelSpec defaults(String kind) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "mlp" -> new ModelSpec("mlp", new int[] {512, 256}, "relu", 0.2);
            case "cnn" -> new ModelSpec("cnn", new int[] {16, 32, 128}, "relu", 0.25);
            default -> throw new ConfigException("unknown model '" + kind + "'; choose mlp or cnn");
        };
    }

    /**
     * Builds the model for inputs of {@code [channels, height, width]} and {@code classes} classes.
     *
     * @throws ConfigException if the CNN cannot take images of that size (height and width must be
     *     multiples of 4)
     */
    public Module build(int channels, int height, int width, int classes, Generator init, Generator dropoutGen) {
        if (kind.equals("cnn") && (height % 4 != 0 || width % 4 != 0)) {
            throw new ConfigException("cnn takes images whose height and width are multiples of 4, the data has "
                    + height + "x" + width + "; use mlp");
        }
        long parameters = parameterCount(channels, height, width, classes);
        long bytes = parameters * Float.BYTES * 4; // weights, gradients and two optimizer moments
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new ConfigException("a " + this + " on " + channels + "x" + height + "x" + width + " inputs has "
                    + parameters + " parameters, about " + (bytes >> 20) + " MiB to train, more than this JVM's"
                    + " maximum heap (" + (heap >> 20) + " MiB): use smaller --hidden widths or give Java more"
                    + " memory (-Xmx)");
        }
        if (kind.equals("mlp")) {
            return new Mlp(channels * height * width, hidden, classes, activation, dropout, init, dropoutGen);
        }
        return new Cnn(channels, height, width, hidden[0], hidden[1], hidden[2], classes, dropout, init, dropoutGen);
    }

    /** The number of parameters of the model {@link #build} makes for these inputs and classes. */
    public long parameterCount(int channels, int height, int width, int classes) {
        if (kind.equals("cnn")) {
            long c1 = hidden[0];
            long c2 = hidden[1];
            long dense = hidden[2];
            return channels * c1 * 25 + c1 + c1 * c2 * 25 + c2 + c2 * (height / 4) * (width / 4) * dense + dense
                    + dense * classes + classes;
        }
        long count = 0;
        long in = (long) channels * height * width;
        for (int h : hidden) {
            count += in * h + h;
            in = h;
        }
        return count + in * classes + classes;
    }

    /** The spec as checkpoint metadata. */
    @Override
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sinapsis.model", kind);
        m.put("sinapsis.model.widths", Arrays.stream(hidden).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        m.put("sinapsis.model.activation", activation);
        m.put("sinapsis.model.dropout", Double.toString(dropout));
        return m;
    }

    /**
     * Reads {@link #toMetadata()}.
     *
     * @throws ConfigException if a setting is missing, malformed or invalid
     */
    public static ModelSpec fromMetadata(Map<String, String> m) {
        String kind = require(m, "sinapsis.model");
        String widths = require(m, "sinapsis.model.widths");
        String[] parts = widths.isEmpty() ? new String[0] : widths.split(",", -1);
        if (parts.length > MAX_LAYERS) {
            throw new ConfigException("checkpoint metadata 'sinapsis.model.widths' lists " + parts.length
                    + " widths, more than the " + MAX_LAYERS + " a model may have");
        }
        int[] hidden = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                hidden[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw RunConfig.notA("sinapsis.model.widths", widths, "comma-separated integers", e);
            }
        }
        return new ModelSpec(kind, hidden, require(m, "sinapsis.model.activation"),
                RunConfig.doubleValue(m, "sinapsis.model.dropout"));
    }

    /** The metadata value {@code key}, or a ConfigException naming it. */
    static String require(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new ConfigException("checkpoint metadata has no '" + key + "' (not written by sinapsis train?)");
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec s && s.kind.equals(kind) && Arrays.equals(s.hidden, hidden)
                && s.activation.equals(activation) && s.dropout == dropout;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(hidden);
    }

    @Override
    public String toString() {
        return kind + Arrays.toString(hidden) + (kind.equals("mlp") ? " " + activation : "") + " dropout " + dropout;
    }
}
