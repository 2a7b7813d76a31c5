package dev.sinapsis.backend;

/**
 * Reduction primitives. SUM, PROD, MAX and MIN produce the input dtype (BOOL sums are rejected by
 * the core); ARGMAX and ARGMIN produce I64 holding the row-major position within the reduced
 * dimensions, the first one on ties. MAX/MIN propagate NaN.
 */
public enum ReduceOp {
    SUM, PROD, MAX, MIN, ARGMAX, ARGMIN
}
