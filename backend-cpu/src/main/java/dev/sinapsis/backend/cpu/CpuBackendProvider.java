package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Availability;
import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.BackendProvider;

/**
 * Registers the CPU backend with {@link java.util.ServiceLoader}; it is available wherever the JVM
 * has the Vector API module (see {@link VectorSupport}).
 */
public final class CpuBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return CpuBackend.NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability availability() {
        return VectorSupport.availability();
    }

    @Override
    public Backend create() {
        return new CpuBackend();
    }
}
