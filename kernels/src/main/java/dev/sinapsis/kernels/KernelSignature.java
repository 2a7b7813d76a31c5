package dev.sinapsis.kernels;

import dev.sinapsis.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A kernel's name and parameter list, declared in Java once per kernel text (see
 * {@link KernelSpec#signatures()}) so a backend can check a launch's arguments before any reaches
 * the device; a test in this module checks every declaration against the rendered C.
 *
 * @param name   the kernel's name in the rendered program
 * @param params its parameters, in order
 */
public record KernelSignature(String name, List<KernelParam> params) {
    public KernelSignature {
        Objects.requireNonNull(name, "name");
        params = List.copyOf(params);
    }

    /** A builder for kernel {@code name}'s parameters, in order. */
    public static Builder of(String name) {
        return new Builder(name);
    }

    /** {@code name(global F32 buffer out, int o_off, ...)}. */
    @Override
    public String toString() {
        return params.stream().map(KernelParam::toString).collect(Collectors.joining(", ", name + "(", ")"));
    }

    /** Collects parameters in order. */
    public static final class Builder {
        private final String name;
        private final List<KernelParam> params = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Adds a parameter of any type. */
        public Builder param(String paramName, ParamType type) {
            params.add(new KernelParam(paramName, type));
            return this;
        }

        /** Adds a global buffer of {@code element}s. */
        public Builder buffer(String paramName, DType element) {
            return param(paramName, ParamType.buffer(element));
        }

        /** Adds {@code int} parameters. */
        public Builder ints(String... names) {
            for (String n : names) {
                param(n, ParamType.INT);
            }
            return this;
        }

        /** Adds {@code long} parameters. */
        public Builder longs(String... names) {
            for (String n : names) {
                param(n, ParamType.LONG);
            }
            return this;
        }

        /** Adds a scalar of dtype {@code t}. */
        public Builder scalar(String paramName, DType t) {
            return param(paramName, ParamType.scalar(t));
        }

        /** Adds {@code dims_t} parameters. */
        public Builder dims(String... names) {
            for (String n : names) {
                param(n, ParamType.DIMS);
            }
            return this;
        }

        /** Adds a local-memory parameter. */
        public Builder local(String paramName) {
            return param(paramName, ParamType.LOCAL_MEMORY);
        }

        /** The signature. */
        public KernelSignature build() {
            return new KernelSignature(name, params);
        }
    }
}
