/**
 * Stateless neural-network functions: {@link dev.sinapsis.nn.functional.Activations},
 * {@link dev.sinapsis.nn.functional.Losses}, {@link dev.sinapsis.nn.functional.Recurrent}
 * (recurrent cells and layers), {@link dev.sinapsis.nn.functional.Special} (erf),
 * {@link dev.sinapsis.nn.functional.Attention} (scaled dot-product and additive attention) and
 * {@link dev.sinapsis.nn.functional.MultiheadAttentionFunction}, composed from tensor ops so that
 * every backend and autograd support them.
 */
package dev.sinapsis.nn.functional;
