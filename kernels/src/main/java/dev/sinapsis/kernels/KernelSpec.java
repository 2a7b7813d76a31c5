package dev.sinapsis.kernels;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One specialisation of a kernel text: the source resource, the name its kernel(s) get
 * ({@code KNAME}) and the {@code #define}s that specialise it (dtype, operator, tile sizes).
 *
 * @param source  resource name, e.g. {@code "elementwise.c"}
 * @param name    the value of {@code KNAME}; kernels in the text are named from it
 * @param defines macro name to replacement text, in order
 */
public record KernelSpec(String source, String name, Map<String, String> defines) {
    public KernelSpec {
        defines = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defines));
    }

    /** A builder for {@code source} specialised as {@code name}. */
    public static Builder of(String source, String name) {
        return new Builder(source, name);
    }

    /** Collects defines in order. */
    public static final class Builder {
        private final String source;
        private final String name;
        private final Map<String, String> defines = new LinkedHashMap<>();

        private Builder(String source, String name) {
            this.source = source;
            this.name = name;
        }

        /** Adds {@code #define key value}. */
        public Builder define(String key, Object value) {
            defines.put(key, String.valueOf(value));
            return this;
        }

        public KernelSpec build() {
            return new KernelSpec(source, name, defines);
        }
    }
}
