package dev.sinapsis.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.nn.Module;
import dev.sinapsis.tensor.Generator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Model settings: the parameter count known before building, bounds, and metadata errors. */
class ModelSpecTest {
    @Test
    void parameterCountIsKnownBeforeBuilding() {
        for (ModelSpec s : new ModelSpec[] {ModelSpec.defaults("mlp"), ModelSpec.defaults("cnn"),
            new ModelSpec("mlp", new int[0], "tanh", 0), new ModelSpec("cnn", new int[] {3, 5, 7}, "relu", 0)}) {
            Module m = s.build(1, 28, 28, 10, new Generator(1), new Generator(2));
            assertEquals(m.parameterCount(), s.parameterCount(1, 28, 28, 10), s::toString);
        }
    }

    @Test
    void aModelTooLargeForTheHeapIsAConfigErrorNotOutOfMemory() {
        ModelSpec wide = new ModelSpec("mlp", new int[] {4096, 4096, 4096, 4096, 4096, 4096, 4096, 4096, 4096, 4096,
            4096, 4096, 4096, 4096, 4096, 4096}, "relu", 0);
        ConfigException e = assertThrows(ConfigException.class,
                () -> wide.build(1, 28, 28, 10, new Generator(1), new Generator(2)));
        assertTrue(e.getMessage().contains("maximum heap") && e.getMessage().contains("--hidden"), e.getMessage());
    }

    @Test
    void badMetadataValuesAreConfigErrorsNamingTheKey() {
        Map<String, String> m = new java.util.HashMap<>(RunConfig.fromMetadata(new RunConfig(ModelSpec.defaults("mlp"),
                "embedded", 1, 8, 1e-3, "adam", 0, "none", 0, 1, 0, 0).toMetadata()).toMetadata());
        m.put("sinapsis.run.epochs", "1x");
        ConfigException e = assertThrows(ConfigException.class, () -> RunConfig.fromMetadata(m));
        assertEquals("checkpoint metadata 'sinapsis.run.epochs' is \"1x\", not an integer", e.getMessage());
        m.put("sinapsis.run.epochs", "1");
        m.put("sinapsis.model.widths", "9999999999");
        assertThrows(ConfigException.class, () -> RunConfig.fromMetadata(m));
        m.put("sinapsis.model.widths", "5000");
        assertTrue(assertThrows(ConfigException.class, () -> RunConfig.fromMetadata(m)).getMessage()
                .contains("between 1 and 4096"));
    }
}
