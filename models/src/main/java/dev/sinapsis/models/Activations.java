package dev.sinapsis.models;

import dev.sinapsis.nn.ELU;
import dev.sinapsis.nn.GELU;
import dev.sinapsis.nn.LeakyReLU;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.ReLU;
import dev.sinapsis.nn.Sigmoid;
import dev.sinapsis.nn.Tanh;
import java.util.List;
import java.util.Locale;

/** Activation modules by name, for model options. */
public final class Activations {
    /** The names {@link #create} accepts. */
    public static final List<String> NAMES = List.of("relu", "tanh", "sigmoid", "gelu", "elu", "leaky-relu");

    private Activations() {
    }

    /**
     * A new activation module called {@code name} (case-insensitive).
     *
     * @throws ConfigException for an unknown name; the message lists the known ones
     */
    public static Module create(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "relu" -> new ReLU();
            case "tanh" -> new Tanh();
            case "sigmoid" -> new Sigmoid();
            case "gelu" -> new GELU();
            case "elu" -> new ELU();
            case "leaky-relu", "leakyrelu" -> new LeakyReLU();
            default -> throw new ConfigException("unknown activation '" + name + "'; choose one of "
                    + String.join(", ", NAMES));
        };
    }
}
