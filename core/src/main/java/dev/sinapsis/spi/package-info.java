/**
 * The op-author and backend-author API, kept apart from the user API: {@link
 * dev.sinapsis.spi.TensorInternals} reaches a tensor's strided view, wraps kernel outputs, attaches
 * tape entries and accumulates gradients. Users never need this package; writing a new op or a
 * backend does (see {@code docs/ADDING_AN_OP.md} and {@code docs/ADDING_A_BACKEND.md}).
 */
package dev.sinapsis.spi;
