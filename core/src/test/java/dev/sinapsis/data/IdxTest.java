package dev.sinapsis.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader and the MNIST loader on valid and broken files. */
class IdxTest {
    @TempDir
    Path dir;

    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] images(int n) {
        byte[] px = new byte[n * 4];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 37);
        }
        return idx(0x0803, new int[] {n, 2, 2}, px);
    }

    static byte[] labels(int... values) {
        byte[] data = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = (byte) values[i];
        }
        return idx(0x0801, new int[] {values.length}, data);
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private String failure(String name, byte[] bytes, int rank) throws IOException {
        Path p = write(name, bytes);
        DatasetException e = assertThrows(DatasetException.class, () -> Idx.read(p, rank));
        assertTrue(e.getMessage().startsWith(p.toString()), "message names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsPlainAndGzippedFilesAlike() throws IOException {
        Idx.Array plain = Idx.read(write("a", images(3)), 3);
        Idx.Array gz = Idx.read(write("a.gz", gzip(images(3))), 3);
        assertArrayEquals(new int[] {3, 2, 2}, plain.dims());
        assertArrayEquals(plain.data(), gz.data());
        assertEquals((byte) 37, plain.data()[1]);
    }

    @Test
    void loadsAnMnistDirectoryWithScaledPixelsAndLabels() throws IOException {
        write("train-images-idx3-ubyte.gz", gzip(images(3)));
        write("train-labels-idx1-ubyte", labels(7, 0, 9));
        Dataset d = Mnist.load(dir, Mnist.Split.TRAIN);
        assertEquals(3, d.size());
        assertEquals(9, d.target(2));
        float[] x = new float[4];
        d.copyInput(1, x, 0);
        assertEquals(((4 * 37) & 0xFF) / 255f, x[0], 0f);
    }

    @Test
    void rejectsBrokenFilesNamingFileAndProblem() throws IOException {
        assertTrue(failure("magic", idx(0x0903, new int[] {1, 2, 2}, new byte[4]), 3).contains("magic"));
        assertTrue(failure("rank", labels(1, 2), 3).contains("1 dimensions, expected 3"));
        byte[] good = images(3);
        assertTrue(failure("trunc", Arrays.copyOf(good, good.length - 1), 3).contains("truncated"));
        assertTrue(failure("trail", Arrays.copyOf(good, good.length + 5), 3).contains("trailing"));
        assertTrue(failure("short", new byte[] {0, 0}, 3).contains("too short"));
        assertTrue(failure("hdr", Arrays.copyOf(good, 9), 3).contains("truncated IDX header"));
        assertTrue(failure("neg", idx(0x0803, new int[] {-1, 2, 2}, new byte[0]), 3).contains("negative"));
        assertTrue(failure("huge", idx(0x0803, new int[] {60000, 60000, 60000}, new byte[0]), 3)
                .contains("more than"));
        byte[] gz = gzip(good);
        assertTrue(failure("bad.gz", Arrays.copyOf(gz, gz.length / 2), 3).contains("gzip"));
        Path missing = dir.resolve("nope");
        assertTrue(assertThrows(DatasetException.class, () -> Idx.read(missing, 3)).getMessage()
                .contains("no such file"));
    }

    @Test
    void rejectsDisagreeingOrInvalidLabels() throws IOException {
        write("t10k-images-idx3-ubyte", images(3));
        write("t10k-labels-idx1-ubyte", labels(1, 2));
        DatasetException count = assertThrows(DatasetException.class, () -> Mnist.load(dir, Mnist.Split.TEST));
        assertTrue(count.getMessage().contains("3 images but"), count.getMessage());
        write("t10k-labels-idx1-ubyte", labels(1, 2, 12));
        DatasetException label = assertThrows(DatasetException.class, () -> Mnist.load(dir, Mnist.Split.TEST));
        assertTrue(label.getMessage().contains("label 12"), label.getMessage());
        DatasetException missing = assertThrows(DatasetException.class, () -> Mnist.load(dir, Mnist.Split.TRAIN));
        assertTrue(missing.getMessage().contains("train-images-idx3-ubyte"), missing.getMessage());
    }

    @Test
    void shuffledOrderDependsOnlyOnSeedAndEpoch() {
        Dataset d = new ArrayDataset(new float[100], dev.sinapsis.tensor.Shape.of(1), new long[100], 1);
        DataLoader a = DataLoader.builder(d).batchSize(7).shuffle(true).seed(42).build();
        DataLoader b = DataLoader.builder(d).batchSize(7).shuffle(true).seed(42).build();
        DataLoader c = DataLoader.builder(d).batchSize(7).shuffle(true).seed(43).build();
        assertArrayEquals(a.order(3), b.order(3));
        assertTrue(!Arrays.equals(a.order(3), a.order(4)), "epochs differ");
        assertTrue(!Arrays.equals(a.order(3), c.order(3)), "seeds differ");
        int[] sorted = a.order(3).clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, sorted[i], "a permutation");
        }
        assertEquals(15, a.batchesPerEpoch());
        assertEquals(14, DataLoader.builder(d).batchSize(7).dropLast(true).build().batchesPerEpoch());
    }
}
