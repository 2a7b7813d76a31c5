package dev.sinapsis.conformance;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;

/**
 * Puts the backend mode in front of a failed assertion's message ("[OpenClTiledSuiteTest] ...").
 * Every mode runs the same contract classes ({@code BackendSuite$Pooling}), and a build's failure
 * summary names a test by its class and method only, so without the label a failure would not say
 * which mode it came from. The assertion keeps its type, expected and actual values and stack
 * trace; other exceptions pass through unchanged.
 */
final class ModeLabel implements TestExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        if (!(thrown instanceof AssertionError)) {
            throw thrown;
        }
        String mode = context.getTestInstances().flatMap(i -> i.findInstance(BackendSuite.class))
                .map(BackendSuite::mode).orElse(null);
        String message = thrown.getMessage();
        if (mode == null || (message != null && message.startsWith("[" + mode + "]"))) {
            throw thrown;
        }
        String labelled = "[" + mode + "] " + (message == null ? "" : message);
        AssertionError relabelled;
        if (thrown instanceof AssertionFailedError f) {
            relabelled = f.isExpectedDefined() && f.isActualDefined()
                    ? new AssertionFailedError(labelled, f.getExpected().getEphemeralValue(),
                            f.getActual().getEphemeralValue(), f.getCause())
                    : new AssertionFailedError(labelled, f.getCause());
        } else {
            relabelled = new AssertionError(labelled, thrown.getCause());
        }
        relabelled.setStackTrace(thrown.getStackTrace());
        for (Throwable s : thrown.getSuppressed()) {
            relabelled.addSuppressed(s);
        }
        throw relabelled;
    }
}
