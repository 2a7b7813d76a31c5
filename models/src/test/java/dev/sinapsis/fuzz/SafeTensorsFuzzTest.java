package dev.sinapsis.fuzz;

import dev.sinapsis.io.CheckpointException;
import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link SafeTensors#read}: mutations of a valid file of every dtype it writes, including
 * edits of the JSON header that keep its length prefix right (numbers, dtypes, names, structure),
 * so that they reach the header's validation. Every input must read, or end in a
 * {@link CheckpointException} whose message starts with the file.
 */
class SafeTensorsFuzzTest {
    static final String NAME = "safetensors";
    @TempDir
    Path dir;

    /** A valid file: every dtype the writer stores, a scalar, an empty tensor, metadata. */
    static byte[] seed(Path dir) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("fc.weight", Tensor.of(new float[] {1, -2, 3.5f, 4, 5, 6}, 2, 3));
        t.put("fc.bias", Tensor.of(new double[] {0.25, -1}, 2));
        t.put("step", Tensor.of(new long[] {7}, 1).reshape());
        t.put("ids", Tensor.of(new int[] {1, 2, 3, 4}, 2, 2));
        t.put("mask", Tensor.of(new boolean[] {true, false, true}, 3));
        t.put("empty", Tensor.of(new float[0], 0, 4));
        Path p = dir.resolve("seed.safetensors");
        SafeTensors.write(p, t, Map.of("format", "pt", "sinapsis.step", "12"));
        byte[] b = Files.readAllBytes(p);
        Files.delete(p);
        t.values().forEach(Tensor::close);
        return b;
    }

    @Test
    void safetensorsReader() throws IOException {
        byte[] seed = seed(dir);
        Path file = dir.resolve("model.safetensors");
        Mutator mutator = new Mutator(SafeTensorsEdits.HEADER_EDITS);
        SplittableRandom r = new SplittableRandom(Fuzzer.SEED ^ NAME.hashCode());
        Fuzzer.Oracle oracle = t -> t instanceof CheckpointException c && c.getMessage().startsWith(file + ": ")
                && c.getMessage().length() > file.toString().length() + 10 ? null
                : "not a CheckpointException naming the file";
        try (Fuzzer f = new Fuzzer(NAME, dir, Set.of(), Duration.ofSeconds(10))) {
            for (byte[] input : Fuzzer.corpus(NAME).values()) {
                f.one(input, file, true, () -> read(file), oracle);
            }
            for (int i = 0; i < Fuzzer.INPUTS; i++) {
                f.one(mutator.mutate(seed, r), file, false, () -> read(file), oracle);
            }
            f.finish();
        } catch (UncheckedIOException e) {
            throw e;
        }
    }

    private static void read(Path file) throws IOException {
        SafeTensors.read(file).tensors().values().forEach(Tensor::close);
    }
}
