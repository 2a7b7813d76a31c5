package dev.sinapsis.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextRenderingTest {
    @TempDir
    Path dir;

    @AfterEach
    void probeAgain() {
        TextRendering.pretend(null);
    }

    private static List<EpochStats> history() {
        return List.of(new EpochStats(1, 1e-3, Map.of("train_loss", 0.5, "eval_loss", 0.6), 1, 1),
                new EpochStats(2, 1e-3, Map.of("train_loss", 0.4, "eval_loss", 0.5), 1, 1));
    }

    @Test
    void thisTestRuntimeDrawsTextAndWritesThePlots() throws Exception {
        assertTrue(TextRendering.problem().isEmpty(), () -> "the build's JDK cannot draw text: " + TextRendering.problem());
        assertEquals(List.of("loss.png"), RunFiles.writePlots(dir, "toy", history()));
    }

    @Test
    void aRuntimeWithoutFontLibrariesLeavesThePlotsOutInsteadOfFailingTheRun() throws Exception {
        // what the lent GPU machine's trimmed runtime did: libfontmanager.so could not load libharfbuzz.so.0
        TextRendering.pretend("libharfbuzz.so.0: cannot open shared object file");
        assertEquals(List.of(), RunFiles.writePlots(dir, "toy", history()));
        assertFalse(EpochCharts.write(dir.resolve("losses.png"), "toy", "loss", history(), Map.of("train", "train_loss")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "no chart and no partial file");
        }
    }
}
