/**
 * Sinapsis, a deep-learning framework for the JVM: tensors ({@code dev.sinapsis.tensor}), autograd
 * ({@code dev.sinapsis.autograd}), layers ({@code dev.sinapsis.nn}), optimizers
 * ({@code dev.sinapsis.optim}) and pluggable backends ({@code dev.sinapsis.backend}).
 * {@link dev.sinapsis.Sinapsis} tells the library's version.
 */
package dev.sinapsis;
