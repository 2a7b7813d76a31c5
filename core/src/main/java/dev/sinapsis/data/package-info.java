/**
 * Data pipeline: {@link dev.sinapsis.data.Dataset}s held on the host, the
 * {@link dev.sinapsis.data.DataLoader} (batching, seeded shuffle, background prefetch) and the
 * readers of MNIST-format IDX files.
 */
package dev.sinapsis.data;
