package dev.sinapsis.cli;

import dev.sinapsis.backend.Availability;
import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.BackendProvider;
import dev.sinapsis.backend.BackendUnavailableException;

/** A backend provider that is never available, registered only on the test class path. */
public final class UnavailableTestBackend implements BackendProvider {
    @Override
    public String name() {
        return "testgpu";
    }

    @Override
    public int priority() {
        return -1000;
    }

    @Override
    public Availability availability() {
        return Availability.no("no test GPU driver is installed", "install the imaginary test driver");
    }

    @Override
    public Backend create() {
        throw new BackendUnavailableException("testgpu cannot be created");
    }
}
