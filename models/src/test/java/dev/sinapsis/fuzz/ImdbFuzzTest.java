package dev.sinapsis.fuzz;

import dev.sinapsis.data.DatasetException;
import dev.sinapsis.models.data.Imdb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the IMDB reviews reader ({@link Imdb#read}): mutated {@code [{"t": text, "s": 0|1}, ...]}
 * files. Every input must read, or end in a {@link DatasetException} whose message names the file.
 */
class ImdbFuzzTest {
    private static final String FILE = "reviews.json";
    private static final byte[] SEED = ("[{\"t\":\"Great film.<br />I \\\"loved\\\" it\",\"s\":1},\n"
            + "{\"t\":\"Dull, caf\\u00e9 \u00e9\",\"s\":0},{\"s\":1,\"t\":\"\"}]").getBytes(StandardCharsets.UTF_8);
    private static final String[] JSON_BITS = {"[", "]", "{", "}", ",", ":", "\"t\"", "\"s\"", "0", "1", "2", "-1",
        "1e999", "1.0", "null", "true", "\"\\u", "\"\\ud800\"", "\"x", "99999999999999999999", "/*", "'", "\u0000"};

    @TempDir
    Path dir;

    /** JSON-aware edits: a token inserted, or a review object repeated. */
    static final List<BiFunction<byte[], SplittableRandom, byte[]>> JSON_EDITS = List.of(
            (b, r) -> {
                String s = new String(b, StandardCharsets.ISO_8859_1);
                int at = r.nextInt(s.length() + 1);
                String bit = JSON_BITS[r.nextInt(JSON_BITS.length)];
                return (s.substring(0, at) + bit + s.substring(at)).getBytes(StandardCharsets.ISO_8859_1);
            },
            (b, r) -> {
                String s = new String(b, StandardCharsets.ISO_8859_1);
                int from = s.indexOf('{');
                int to = s.indexOf('}', Math.max(0, from)) + 1;
                if (from < 0 || to <= from) {
                    return b;
                }
                String review = s.substring(from, to);
                return (s.substring(0, to) + ("," + review).repeat(1 + r.nextInt(3)) + s.substring(to))
                        .getBytes(StandardCharsets.ISO_8859_1);
            });

    @Test
    void reviewsJson() throws Exception {
        String name = "imdb-json";
        Mutator mutator = new Mutator(JSON_EDITS);
        SplittableRandom r = new SplittableRandom(Fuzzer.SEED ^ name.hashCode());
        Path file = dir.resolve(FILE);
        Fuzzer.Oracle oracle = t -> t instanceof DatasetException && t.getMessage() != null
                && t.getMessage().startsWith(file + ": ") && t.getMessage().length() > file.toString().length() + 20
                ? null : "not a DatasetException naming the file";
        try (Fuzzer f = new Fuzzer(name, dir, Set.of(), Duration.ofSeconds(10))) {
            List<Map.Entry<String, byte[]>> corpus = List.copyOf(Fuzzer.corpus(name).entrySet());
            for (int i = 0; i < corpus.size() + Fuzzer.INPUTS; i++) {
                boolean fromCorpus = i < corpus.size();
                byte[] input = fromCorpus ? corpus.get(i).getValue() : mutator.mutate(SEED, r);
                f.one(input, file, fromCorpus, () -> Imdb.read(file), oracle);
            }
            f.finish();
        }
    }
}
