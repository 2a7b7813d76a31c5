package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Availability;
import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.BackendProvider;

/** Registers the CPU backend with {@link java.util.ServiceLoader}; it is always available. */
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
        return Availability.yes();
    }

    @Override
    public Backend create() {
        return new CpuBackend();
    }
}
