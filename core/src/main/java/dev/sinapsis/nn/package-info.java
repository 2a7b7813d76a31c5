/**
 * Neural-network building blocks: {@link dev.sinapsis.nn.Module} (parameters, buffers, children,
 * train/eval, state dicts), {@link dev.sinapsis.nn.Sequential}, layers (recurrent ones included:
 * {@link dev.sinapsis.nn.LSTM}, {@link dev.sinapsis.nn.GRU}, {@link dev.sinapsis.nn.RNN}, their cells
 * and {@link dev.sinapsis.nn.TruncatedBptt}), activations, losses and initialisers — all written
 * against the public tensor API, so every backend inherits them.
 */
package dev.sinapsis.nn;
