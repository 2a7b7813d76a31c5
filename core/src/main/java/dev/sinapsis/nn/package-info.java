/**
 * Neural-network building blocks: {@link dev.sinapsis.nn.Module} (parameters, buffers, children,
 * train/eval, state dicts), {@link dev.sinapsis.nn.Sequential}, layers, activations, losses and
 * initialisers — all written against the public tensor API, so every backend inherits them.
 */
package dev.sinapsis.nn;
