package dev.sinapsis.kernels;

import java.util.Objects;

/**
 * One parameter of a kernel: its name in the C text and what a launch passes for it.
 *
 * @param name the parameter's name in the kernel text
 * @param type what a launch must pass
 */
public record KernelParam(String name, ParamType type) {
    public KernelParam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return type + " " + name;
    }
}
