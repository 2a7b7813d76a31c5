package dev.sinapsis.conformance;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.Backends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of every backend contract: a backend module subclasses a contract and says which backend
 * (and mode) it tests; every test then runs with that backend as the current one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendTestBase {
    private Backend backend;
    private Backends.Scope scope;

    /** The backend under test; called once per test class. */
    protected abstract Backend createBackend();

    /**
     * A new instance of the backend under test that no other test uses, for tests that assert
     * exact memory counters. The default calls {@link #createBackend()}; a mode whose
     * {@code createBackend()} returns a shared instance overrides it.
     */
    protected Backend createIsolatedBackend() {
        return createBackend();
    }

    /** The backend under test. */
    protected final Backend backend() {
        if (backend == null) {
            backend = createBackend();
        }
        return backend;
    }

    @BeforeEach
    final void selectBackend() {
        scope = Backends.using(backend());
    }

    @AfterEach
    final void restoreBackend() {
        if (scope != null) {
            scope.close();
            scope = null;
        }
    }
}
