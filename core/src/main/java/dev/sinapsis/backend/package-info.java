/**
 * The Backend SPI: the small set of primitives a device implements, split into
 * {@link dev.sinapsis.backend.MemoryOps}, {@link dev.sinapsis.backend.ElementwiseOps},
 * {@link dev.sinapsis.backend.ReduceOps}, {@link dev.sinapsis.backend.ScanOps}, {@link dev.sinapsis.backend.MatmulOps},
 * {@link dev.sinapsis.backend.IndexOps}, {@link dev.sinapsis.backend.RandomOps} and
 * {@link dev.sinapsis.backend.ConvOps}, all taking
 * strided {@link dev.sinapsis.backend.View}s. Optional fused fast paths that a backend may add are
 * {@link dev.sinapsis.backend.Capability} interfaces ({@link dev.sinapsis.backend.SoftmaxOps},
 * {@link dev.sinapsis.backend.PoolingOps}, {@link dev.sinapsis.backend.LstmCellOps},
 * {@link dev.sinapsis.backend.LstmSequenceOps} and the others of {@link dev.sinapsis.backend.Capabilities#KNOWN}) offered
 * through {@link dev.sinapsis.backend.Backend#capability}
 * and looked up with {@link dev.sinapsis.backend.Capabilities#find}. Memory counters:
 * {@link dev.sinapsis.backend.MemoryStats}. Device-neutral helpers for backends: the caching allocator in
 * {@link dev.sinapsis.backend.memory} and axis coalescing in {@link dev.sinapsis.backend.layout}. Backends are discovered with
 * {@link java.util.ServiceLoader} through {@link dev.sinapsis.backend.BackendProvider} and chosen
 * with {@link dev.sinapsis.backend.Backends}.
 */
package dev.sinapsis.backend;
