/**
 * Stateless neural-network functions: {@link dev.sinapsis.nn.functional.Activations},
 * {@link dev.sinapsis.nn.functional.Losses}, {@link dev.sinapsis.nn.functional.Recurrent}
 * (recurrent cells and layers) and {@link dev.sinapsis.nn.functional.Special} (erf), composed
 * from tensor ops so that every backend and autograd support them.
 */
package dev.sinapsis.nn.functional;
