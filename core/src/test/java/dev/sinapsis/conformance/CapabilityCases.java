package dev.sinapsis.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import dev.sinapsis.backend.Capability;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The registry of {@link CapabilityCase}s: one per capability interface. A backend that offers a
 * capability without a case here fails {@link CapabilityContract}.
 */
public final class CapabilityCases {
    /** Every registered case, by capability type. */
    public static final Map<Class<? extends Capability>, CapabilityCase> REGISTERED = Stream.of(
            new SoftmaxCase(),
            new MaxPoolCase(),
            new LstmCellCase(),
            new AdamCase(),
            new ConvCase(),
            new ActivationCase(),
            new LstmSequenceCase(),
            new BatchNormCase())
            .collect(Collectors.toUnmodifiableMap(CapabilityCase::type, Function.identity()));

    private CapabilityCases() {
    }

    /** The case registered for {@code type}; fails, saying what to write, when there is none. */
    public static CapabilityCase caseFor(Class<? extends Capability> type) {
        return caseFor(type, REGISTERED);
    }

    /** As {@link #caseFor(Class)}, looked up in {@code registry}. */
    static CapabilityCase caseFor(Class<? extends Capability> type, Map<Class<? extends Capability>, CapabilityCase> registry) {
        CapabilityCase c = registry.get(type);
        if (c == null) {
            fail("the backend offers the capability " + type.getName() + " but the suite has no comparison case for it:"
                    + " write a dev.sinapsis.conformance.CapabilityCase whose examples call the public functions that"
                    + " use " + type.getSimpleName() + " and register it in CapabilityCases.REGISTERED (core's"
                    + " test-jar); the suite then compares the fused path with the composite, forward and backward");
        }
        return c;
    }
}
