package dev.sinapsis.kernels;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One specialisation of a kernel text: the source resource, the name its kernel(s) get
 * ({@code KNAME}), the {@code #define}s that specialise it (dtype, operator, tile sizes) and the
 * signatures of the kernels the text defines under them (a text may define several, e.g.
 * {@code KNAME} and {@code KNAME_vec}).
 *
 * @param source     resource name, e.g. {@code "elementwise.c"}
 * @param name       the value of {@code KNAME}; kernels in the text are named from it
 * @param defines    macro name to replacement text, in order
 * @param signatures every kernel the text defines under these defines, with its parameters
 */
public record KernelSpec(String source, String name, Map<String, String> defines, List<KernelSignature> signatures) {
    public KernelSpec {
        defines = Collections.unmodifiableMap(new LinkedHashMap<>(defines));
        signatures = List.copyOf(signatures);
        if (signatures.isEmpty()) {
            throw new IllegalArgumentException(source + " as " + name + ": no kernel signature declared");
        }
    }

    /** A builder for {@code source} specialised as {@code name}. */
    public static Builder of(String source, String name) {
        return new Builder(source, name);
    }

    /** Collects defines and signatures in order. */
    public static final class Builder {
        private final String source;
        private final String name;
        private final Map<String, String> defines = new LinkedHashMap<>();
        private final List<KernelSignature> signatures = new ArrayList<>();

        private Builder(String source, String name) {
            this.source = source;
            this.name = name;
        }

        /** Adds {@code #define key value}. */
        public Builder define(String key, Object value) {
            defines.put(key, String.valueOf(value));
            return this;
        }

        /** Declares the kernels the text defines (see {@link KernelSignature}). */
        public Builder signatures(List<KernelSignature> kernels) {
            signatures.addAll(kernels);
            return this;
        }

        /** The specialisation; at least one signature must have been declared. */
        public KernelSpec build() {
            return new KernelSpec(source, name, defines, signatures);
        }
    }
}
