package dev.sinapsis.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.data.DatasetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImdbTest {
    @TempDir
    Path dir;

    private Path write(String json) throws Exception {
        Path f = dir.resolve("reviews.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void readsReviewsInOrderWithEscapes() throws Exception {
        Path f = write("[{\"t\":\"Great \\\"film\\\"<br />caf\\u00e9\",\"s\":1},\n {\"s\":0, \"t\":\"Bad.\"}]");
        assertEquals(List.of(new Imdb.Review("Great \"film\"<br />café", 1), new Imdb.Review("Bad.", 0)), Imdb.read(f));
    }

    /** One JSON array of n reviews whose label is {@code label(i)}. */
    private Path reviews(int n, java.util.function.IntUnaryOperator label) throws Exception {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"t\":\"r").append(i).append("\",\"s\":").append(label.applyAsInt(i))
                    .append('}');
        }
        return write(sb.append(']').toString());
    }

    @Test
    void theStandardSplitIsByIndexBlockNegativesAndPositivesAlternating() throws Exception {
        Imdb.Splits s = Imdb.load(reviews(Imdb.SIZE, i -> i < 25_000 ? 0 : 1));
        assertEquals(25_000, s.train().size());
        assertEquals(25_000, s.test().size());
        assertEquals(List.of("r12500", "r37500", "r12501"), s.train().subList(0, 3).stream().map(Imdb.Review::text)
                .toList());
        assertEquals(List.of("r0", "r25000", "r1"), s.test().subList(0, 3).stream().map(Imdb.Review::text).toList());
        assertEquals("r49999", s.train().get(24_999).text());
        assertEquals("r37499", s.test().get(24_999).text());
        for (int i = 0; i < 25_000; i++) {
            assertEquals(i % 2, s.train().get(i).label());
            assertEquals(i % 2, s.test().get(i).label());
        }
    }

    @Test
    void theEmbeddedSubsetIsBalancedAndAlternates() {
        Imdb.Splits s = Imdb.embedded();
        assertEquals(5_000, s.train().size());
        assertEquals(2_000, s.test().size());
        for (int i = 0; i < s.train().size(); i++) {
            assertEquals(i % 2, s.train().get(i).label());
        }
        for (int i = 0; i < s.test().size(); i++) {
            assertEquals(i % 2, s.test().get(i).label());
        }
        assertTrue(s.train().get(0).text().startsWith("Story of a man who has unnatural feelings for a pig."),
                "train/neg review 12,500 comes first: " + s.train().get(0).text().substring(0, 40));
    }

    @Test
    void anotherOrderOrSizeIsRefused() throws Exception {
        DatasetException e = assertThrows(DatasetException.class, () -> Imdb.load(reviews(Imdb.SIZE, i -> i % 2)));
        assertTrue(e.getMessage().contains("review 1 is labelled 1, but the standard split has negative reviews at"
                + " 0-24,999"), e.getMessage());
        e = assertThrows(DatasetException.class, () -> Imdb.load(reviews(3, i -> 0)));
        assertTrue(e.getMessage().endsWith("holds 3 reviews, the IMDB dataset has 50000; fetch it again with:"
                + " ./sinapsis data fetch imdb"), e.getMessage());
    }

    @Test
    void malformedFilesNameTheFileAndThePosition() throws Exception {
        String[][] cases = {
                {"[{\"t\":\"a\",\"s\":1},\n{\"t\":\"b\",\"s\":", "malformed JSON at line 2, column 14"},
                {"{\"t\":\"a\"}", "expected a JSON array of reviews, found '{'"},
                {"[{\"t\":\"a\",\"s\":2}]", "at line 1, column 15 (byte 14): review 0's label \"s\" must be 0 or 1"},
                {"[{\"t\":\"a\",\"s\":1.0}]", "review 0's label \"s\" must be 0 or 1"},
                {"[{\"t\":1,\"s\":1}]", "review 0's text \"t\" as a string"},
                {"[{\"t\":\"a\",\"s\":1,\"x\":2}]", "review 0 has an unexpected field \"x\""},
                {"[{\"t\":\"a\"}]", "review 0 lacks its label \"s\""},
                {"[{\"t\":\"a\",\"t\":\"b\",\"s\":0}]", "review 0 has a second \"t\""},
                {"[[]]", "expected a review {\"t\": text, \"s\": 0 or 1} or the end of the array, found '['"},
                {"[] []", "content after the array of reviews"},
                {"", "expected a JSON array of reviews, found the end of the file"},
                {"[{\"t\":\"\u00ff", "malformed JSON"},
        };
        for (String[] c : cases) {
            Path f = write(c[0]);
            DatasetException e = assertThrows(DatasetException.class, () -> Imdb.read(f), c[0]);
            assertTrue(e.getMessage().startsWith(f + ": ") && e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }
}
