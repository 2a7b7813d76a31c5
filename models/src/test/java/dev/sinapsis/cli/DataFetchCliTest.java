package dev.sinapsis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data fetch --from} with wrong files: one-line error, exit 1, nothing in the cache. */
class DataFetchCliTest {
    @TempDir
    Path tmp;

    @Test
    void mismatchedFilesAreRejected() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("package/data"));
        for (String f : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"}) {
            Files.writeString(src.resolve(f), "not mnist");
        }
        Path cache = tmp.resolve("cache");
        Cli r = Cli.run("data", "fetch", "mnist", "--from", src.toString(), "--cache", cache.toString());
        assertEquals(Main.EXIT_FAILURE, r.code(), r::toString);
        assertTrue(r.err().strip().startsWith("sinapsis: error: SHA-256 mismatch for train-images-idx3-ubyte"), r::toString);
        assertEquals(1, r.err().strip().split("\\R").length, r::toString);
        assertFalse(Files.exists(cache.resolve("mnist/train-images-idx3-ubyte")));
        try (var s = Files.list(cache.resolve("mnist"))) {
            assertEquals(0, s.count(), "no partial files");
        }
    }

    @Test
    void listShowsWhatIsCached() {
        Cli r = Cli.run("data", "list", "--cache", tmp.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("embedded") && r.out().contains("fashion-mnist") && r.out().contains("imdb"),
                r::toString);
    }
}
