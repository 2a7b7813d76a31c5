package dev.sinapsis.conformance;

import dev.sinapsis.tensor.MemoryScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A backend contract whose every test runs in its own {@link MemoryScope}: each test's tensors are
 * released when it ends, leaving no collector work to the next tests (the recurrent contracts make
 * many small tensors per step).
 */
public abstract class ScopedBackendTestBase extends BackendTestBase {
    private MemoryScope testScope;

    @BeforeEach
    final void openTestScope() {
        testScope = MemoryScope.open();
    }

    @AfterEach
    final void closeTestScope() {
        if (testScope != null) { // null when the backend was skipped before the scope opened
            testScope.close();
            testScope = null;
        }
    }
}
