package dev.sinapsis.conformance;

/**
 * The backend conformance suite: every op of the public API on odd, empty, broadcast and
 * non-contiguous inputs against F64 loop references ({@link Naive}), bit-exact Philox fills,
 * gradient checks of every differentiable op, error messages, storage release, and the optional
 * fused paths (softmax) against the composites they replace.
 *
 * <p>A backend module subclasses it once per mode and returns the backend from
 * {@link #createBackend()}:
 *
 * <pre>{@code
 * class CpuJavaConformanceTest extends BackendConformanceSuite {
 *     protected Backend createBackend() {
 *         return new CpuBackend(Nd4jMode.OFF);
 *     }
 * }
 * }</pre>
 */
public abstract class BackendConformanceSuite extends BackendTestBase implements ElementwiseContract,
        ReductionContract, ScanContract, MatmulContract, ViewContract, IndexingContract, RandomContract, GradientContract,
        BackwardContract, ErrorContract, MemoryContract, FactoryContract, SoftmaxContract {
}
