/**
 * The tensor API: {@link dev.sinapsis.tensor.Tensor} with its {@link dev.sinapsis.tensor.Shape},
 * {@link dev.sinapsis.tensor.DType} and {@link dev.sinapsis.tensor.Device}; seeded random numbers
 * ({@link dev.sinapsis.tensor.Generator}, {@link dev.sinapsis.tensor.Philox}).
 *
 * <p>Every op lives in one package-private class with its derivative beside it:
 * {@code Pointwise} (elementwise), {@code Reductions}, {@code LinAlg} (matmul), {@code Views}
 * (reshape, transpose, slice, expand, concat ...), {@code Indexing} (gather, scatter-add ...).
 */
package dev.sinapsis.tensor;
