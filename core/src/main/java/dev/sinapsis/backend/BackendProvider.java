package dev.sinapsis.backend;

/**
 * Service interface a backend module registers in
 * {@code META-INF/services/dev.sinapsis.backend.BackendProvider}.
 */
public interface BackendProvider {
    /** Name users select the backend by, e.g. {@code "cpu"}. */
    String name();

    /**
     * Preference when the user did not choose: the highest available priority wins
     * (CUDA above OpenCL above CPU).
     */
    int priority();

    /** Whether the backend can run on this machine, and if not, why and how to fix it. */
    Availability availability();

    /**
     * Creates the backend. Called only when {@link #availability()} is available; may still throw
     * {@link BackendUnavailableException}.
     */
    Backend create();
}
