package dev.sinapsis.tensor;

import java.util.Objects;

/**
 * Where a tensor's storage lives: a backend name plus a device index, e.g. {@code cpu:0},
 * {@code opencl:1}.
 *
 * @param backend the backend's name, e.g. {@code "cpu"}
 * @param index   the device ordinal within that backend
 */
public record Device(String backend, int index) {

    public Device {
        Objects.requireNonNull(backend, "backend");
        if (index < 0) {
            throw new IllegalArgumentException("device index must be >= 0, got " + index);
        }
    }

    @Override
    public String toString() {
        return backend + ":" + index;
    }
}
