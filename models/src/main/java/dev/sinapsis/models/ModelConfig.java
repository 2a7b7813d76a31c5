package dev.sinapsis.models;

import java.util.Map;

/**
 * The settings of a run's model, stored in its checkpoint's metadata (under {@code sinapsis.model})
 * so a resumed run, {@code eval} and {@code predict} rebuild the same model.
 */
public interface ModelConfig {
    /** The model's name as the command line takes it ({@code mlp}, {@code cnn}, ...). */
    String kind();

    /** The settings as checkpoint metadata, {@code sinapsis.model} naming the kind. */
    Map<String, String> toMetadata();

    /**
     * Reads any model's {@link #toMetadata()}, by its kind.
     *
     * @throws ConfigException if a setting is missing, malformed or invalid, or the kind unknown
     */
    static ModelConfig fromMetadata(Map<String, String> m) {
        String kind = m.get("sinapsis.model");
        if (kind != null && dev.sinapsis.models.gan.GanSpec.KINDS.contains(kind)) {
            return dev.sinapsis.models.gan.GanSpec.fromMetadata(m);
        }
        if (dev.sinapsis.models.autoencoder.AutoencoderSpec.KIND.equals(kind)) {
            return dev.sinapsis.models.autoencoder.AutoencoderSpec.fromMetadata(m);
        }
        return kind != null && SequenceModelSpec.KINDS.contains(kind) ? SequenceModelSpec.fromMetadata(m)
                : ModelSpec.fromMetadata(m);
    }
}
