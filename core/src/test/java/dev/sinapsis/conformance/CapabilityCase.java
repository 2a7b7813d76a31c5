package dev.sinapsis.conformance;

import dev.sinapsis.backend.Capability;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How {@link CapabilityContract} checks one optional capability: public functions of the core
 * that use it, on inputs that exercise it. The contract runs each example with the capability
 * enabled and again inside {@code Capabilities.disable(type())} (the composite of primitives),
 * and compares the outputs and the input gradients of a randomly weighted sum of every floating
 * output; it also runs {@code GradCheck} of the floating outputs through the enabled path on the F64
 * examples of {@link #gradCheckExamples()}. Register a new case in {@link CapabilityCases#REGISTERED}.
 */
public interface CapabilityCase {
    /** The capability interface this case covers. */
    Class<? extends Capability> type();

    /**
     * Examples in {@code dtype} (F32 and F64 are asked for), built on the current backend: odd
     * sizes, non-contiguous inputs, extreme values, whatever exercises the fused kernel.
     */
    List<Example> examples(DType dtype);

    /** Small F64 examples whose floating outputs are checked by finite differences through the fused path. */
    List<Example> gradCheckExamples();

    /**
     * False for a capability that is not differentiable (an optimizer's in-place update): the
     * contract then compares outputs only, and {@link #gradCheckExamples()} may be empty.
     */
    default boolean differentiable() {
        return true;
    }

    /**
     * One input and the public function run on it.
     *
     * @param function          the public core function; its outputs are compared one by one
     * @param outputs           how each output is compared (one entry per output)
     * @param gradTolerance     bound of the input gradient's error, relative to {@code max(1, |g|)}
     * @param invariant         extra checks of the enabled path's outputs (may do nothing)
     * @param gradientInvariant extra checks of the enabled path's input gradient (may do nothing)
     */
    record Example(String name, Tensor input, Function<Tensor, Tensor[]> function, List<Output> outputs,
                   double gradTolerance, Consumer<Tensor[]> invariant, Consumer<double[]> gradientInvariant) {
        /** An example without extra invariants. */
        public Example(String name, Tensor input, Function<Tensor, Tensor[]> function, List<Output> outputs,
                       double gradTolerance) {
            this(name, input, function, outputs, gradTolerance, outs -> { });
        }

        /** An example with an invariant of its outputs only. */
        public Example(String name, Tensor input, Function<Tensor, Tensor[]> function, List<Output> outputs,
                       double gradTolerance, Consumer<Tensor[]> invariant) {
            this(name, input, function, outputs, gradTolerance, invariant, grad -> { });
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * How one output is compared: exactly ({@code tolerance == 0}, for indices), or within
     * {@code tolerance * max(1, |expected|, scale)} where {@code scale} (may be null) gives a
     * per-element magnitude computed from the input, for results that round at the scale of the
     * input rather than of the output (log-softmax of large logits).
     */
    record Output(String name, double tolerance, Function<Tensor, double[]> scale) {
        /** An output compared exactly. */
        public static Output exact(String name) {
            return new Output(name, 0, null);
        }

        /** An output compared within {@code tolerance * max(1, |expected|)}. */
        public static Output close(String name, double tolerance) {
            return new Output(name, tolerance, null);
        }
    }
}
