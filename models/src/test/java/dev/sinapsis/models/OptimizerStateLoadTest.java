package dev.sinapsis.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.optim.Adam;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An optimizer state whose options ask for buffers it does not hold (found by the resume fuzzer:
 * a checkpoint whose {@code amsgrad} flag was flipped) is refused with the missing entries, and the
 * optimizer is left unchanged; it used to pass the check and fail with a NullPointerException.
 */
class OptimizerStateLoadTest {
    @Test
    void optionsThatNeedOtherBuffersAreCheckedAgainstTheLoadedOptions() {
        Tensor w = Tensor.ones(3).requiresGrad(true);
        Optimizer adam = Adam.builder(List.of(w)).lr(0.1).build();
        w.mul(w).sum().backward();
        adam.step();
        Map<String, Tensor> dict = new LinkedHashMap<>(adam.stateDict());
        dict.put("param_groups.0.amsgrad", Tensor.of(new double[] {1}).reshape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adam.loadStateDict(dict));
        assertTrue(e.getMessage().contains("missing 'state.0.max_exp_avg_sq'"), e.getMessage());
        assertFalse(adam.paramGroups().get(0).flag("amsgrad"), "the optimizer is unchanged");
        assertEquals(0.1, adam.paramGroups().get(0).lr());
    }

    @Test
    void invalidLoadedOptionsAreRefused() {
        Tensor w = Tensor.ones(3).requiresGrad(true);
        Optimizer adam = Adam.builder(List.of(w)).lr(0.1).build();
        Map<String, Tensor> dict = new LinkedHashMap<>(adam.stateDict());
        dict.put("param_groups.0.lr", Tensor.of(new double[] {-5}).reshape());
        assertThrows(IllegalArgumentException.class, () -> adam.loadStateDict(dict));
        assertEquals(0.1, adam.paramGroups().get(0).lr(), "the optimizer is unchanged");
    }
}
