package dev.sinapsis.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** A tiny MNIST-format dataset (8x8 images) and a tiny MLP run on it, for fast CLI tests. */
final class TinyRun {
    static final int SIDE = 8;

    private TinyRun() {
    }

    /** An IDX file: magic {@code 0x08NN}, the dims, the bytes. */
    static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(0x0800 | dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    /** {@code n} images of {@code side x side} pixels whose class shows in their brightness. */
    static byte[] images(int n, int side, long seed) {
        byte[] px = new byte[n * side * side];
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int label = i % 10;
            for (int j = 0; j < side * side; j++) {
                px[i * side * side + j] = (byte) Math.min(255, label * 25 + r.nextInt(20));
            }
        }
        return idx(new int[] {n, side, side}, px);
    }

    static byte[] labels(int n) {
        byte[] l = new byte[n];
        for (int i = 0; i < n; i++) {
            l[i] = (byte) (i % 10);
        }
        return idx(new int[] {n}, l);
    }

    /** Writes the four IDX files ({@code train} and {@code test} examples, images gzipped) into {@code dir}. */
    static Path data(Path dir, int train, int test, int side) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images(train, side, 1)));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels(train));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(images(test, side, 2)));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels(test));
        return dir;
    }

    /** Trains a one-epoch MLP (one hidden layer of 4) on {@code data} into {@code out}; fails the test on error. */
    static Path train(Path data, Path out, String... more) {
        String[] base = {"train", "mlp", "--data", data.toString(), "--out", out.toString(), "--epochs", "1",
                "--batch", "8", "--hidden", "4"};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        Cli r = Cli.run(args);
        if (r.code() != 0) {
            throw new AssertionError("the tiny training run failed\n" + r);
        }
        return out;
    }
}
