package dev.sinapsis.examples.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's complete program is {@code Xor.java} here (compiled by this module and run by
 * {@link ExamplesTest}) and the program of the outside-the-reactor project {@code consumer-it/src/it/xor}: all
 * three must stay the same text, so the front page cannot rot.
 */
class ReadmeExampleTest {
    private static final Path SOURCE = Path.of("src/main/java/dev/sinapsis/examples/api/Xor.java");
    private static final String MARKER = "<!-- examples/src/main/java/dev/sinapsis/examples/api/Xor.java";

    @Test
    void readmeShowsXorJavaWithoutItsPackageLine() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int at = readme.indexOf(MARKER);
        assertTrue(at >= 0, "README.md lacks the line " + MARKER + " ... -->");
        int start = readme.indexOf("```java\n", at);
        assertTrue(start >= 0, "no ```java block after the marker");
        start += "```java\n".length();
        int end = readme.indexOf("```", start);
        String shown = readme.substring(start, end);
        String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
        String withoutPackage = source.replaceFirst("\\Apackage [\\w.]+;\\n\\n", "");
        assertEquals(withoutPackage, shown, "README.md's program differs from " + SOURCE
                + " (copy the file, minus its package line, into the README)");
    }

    @Test
    void integrationProjectCompilesTheSameFile() throws IOException {
        Path it = Path.of("../consumer-it/src/it/xor/src/main/java/dev/sinapsis/examples/api/Xor.java");
        assertEquals(-1, Files.mismatch(SOURCE, it), it + " must be a copy of " + SOURCE);
    }
}
