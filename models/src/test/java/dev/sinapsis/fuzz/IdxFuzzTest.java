package dev.sinapsis.fuzz;

import dev.sinapsis.data.DatasetException;
import dev.sinapsis.data.Mnist;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the IDX reader through {@link Mnist#load} (which reads both IDX files of a split with
 * {@code Idx.read} and checks that they agree): mutated images or labels files, plain and gzipped.
 * Every input must load, or end in a {@link DatasetException} whose message names the file.
 */
class IdxFuzzTest {
    private static final String IMAGES = "train-images-idx3-ubyte";
    private static final String LABELS = "train-labels-idx1-ubyte";

    @TempDir
    Path dir;

    static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length).putInt(0x0800 | dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    static byte[] images() {
        byte[] px = new byte[6 * 4 * 4];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 37);
        }
        return idx(new int[] {6, 4, 4}, px);
    }

    static byte[] labels() {
        return idx(new int[] {6}, new byte[] {0, 1, 2, 3, 9, 5});
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** IDX-aware edits: a header field set to a boundary value, or consistent small dims with fresh data. */
    static final List<BiFunction<byte[], SplittableRandom, byte[]>> IDX_EDITS = List.of(
            (b, r) -> {
                if (b.length >= 8) {
                    int rank = Math.max(1, Math.min(3, b[3]));
                    int k = r.nextInt(rank);
                    if (b.length >= 8 + 4 * k) {
                        ByteBuffer.wrap(b).putInt(4 + 4 * k, (int) Mutator.interesting(r));
                    }
                }
                return b;
            },
            (b, r) -> {
                if (b.length >= 4) {
                    b[2] = (byte) (r.nextBoolean() ? 0x08 : r.nextInt(256));
                    b[3] = (byte) r.nextInt(5);
                }
                return b;
            },
            (b, r) -> {
                int rank = b.length >= 4 && b[3] >= 1 && b[3] <= 3 ? b[3] : 1;
                int[] dims = new int[rank];
                long n = 1;
                for (int i = 0; i < rank; i++) {
                    dims[i] = r.nextInt(12);
                    n *= dims[i];
                }
                byte[] data = new byte[(int) n];
                r.nextBytes(data);
                return idx(dims, data);
            });

    @Test
    void plainIdxFiles() {
        fuzz("idx-plain", false);
    }

    @Test
    void gzippedIdxFiles() {
        fuzz("idx-gzip", true);
    }

    private void fuzz(String name, boolean gz) {
        String suffix = gz ? ".gz" : "";
        Mutator mutator = new Mutator(IDX_EDITS);
        SplittableRandom r = new SplittableRandom(Fuzzer.SEED ^ name.hashCode());
        Fuzzer.Oracle oracle = t -> t instanceof DatasetException && t.getMessage() != null
                && t.getMessage().startsWith(dir.resolve("train-").toString()) && t.getMessage().length()
                > dir.toString().length() + 30 ? null : "not a DatasetException naming the file";
        try (Fuzzer f = new Fuzzer(name, dir, Set.of(IMAGES + suffix, LABELS + suffix), Duration.ofSeconds(10))) {
            // regression inputs are named images-* or labels-*: the file they replace
            List<Map.Entry<String, byte[]>> corpus = List.copyOf(Fuzzer.corpus(name).entrySet());
            for (int i = 0; i < corpus.size() + Fuzzer.INPUTS; i++) {
                boolean fromCorpus = i < corpus.size();
                boolean mutateImages = fromCorpus ? corpus.get(i).getKey().startsWith("images") : r.nextBoolean();
                byte[] seed = mutateImages ? images() : labels();
                byte[] input;
                if (fromCorpus) {
                    input = corpus.get(i).getValue();
                } else if (gz && r.nextInt(3) > 0) {
                    input = gzip(mutator.mutate(seed, r)); // damage under valid gzip: the IDX checks
                } else {
                    input = mutator.mutate(gz ? gzip(seed) : seed, r); // damage to the file itself
                }
                Path partner = dir.resolve((mutateImages ? LABELS : IMAGES) + suffix);
                byte[] valid = mutateImages ? labels() : images();
                Files.write(partner, gz ? gzip(valid) : valid);
                Path file = dir.resolve((mutateImages ? IMAGES : LABELS) + suffix);
                f.one(input, file, fromCorpus, () -> Mnist.load(dir, Mnist.Split.TRAIN), oracle);
                Files.delete(partner);
            }
            f.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
