/**
 * Stateless neural-network functions: {@link dev.sinapsis.nn.functional.Activations},
 * {@link dev.sinapsis.nn.functional.Losses} and {@link dev.sinapsis.nn.functional.Special}
 * (erf), composed from tensor ops so that every backend and autograd support them.
 */
package dev.sinapsis.nn.functional;
