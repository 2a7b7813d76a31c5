package dev.sinapsis.cli;

import java.util.List;
import java.util.Locale;

/**
 * The benchmarks of {@code sinapsis bench}, with their default sizes and the size syntax each
 * takes in {@code --sizes}.
 */
enum BenchOp {
    /** Square or {@code MxKxN} matrix product. */
    GEMM("gemm", "N or MxKxN, e.g. 512 or 128x784x256", List.of("256", "512", "1024")),
    /** 2-D convolution forward, no bias. */
    CONV2D("conv2d", "NxCxHxW:OxK[:sS][:pP] (batch x channels x height x width : filters x kernel side,"
            + " stride S (default 1), padding P (default K/2)), e.g. 128x16x14x14:32x5",
            List.of("128x1x28x28:16x5", "128x16x14x14:32x5", "32x64x56x56:64x3")),
    /** Softmax over the last axis of a {@code rows x cols} matrix. */
    SOFTMAX("softmax", "RxC (rows x columns, softmax along each row), e.g. 4096x1000",
            List.of("1024x1024", "4096x4096")),
    /** {@code out = a + b} over {@code n} elements. */
    ELEMENTWISE("elementwise", "N elements, with an optional K or M (x1024, x1048576) suffix, e.g. 16M",
            List.of("1M", "16M")),
    /** Training steps of the zoo models (forward, cross-entropy, backward, Adam), or inference for cnn-infer. */
    TRAIN("train", "MODEL[:BATCH] with MODEL one of mlp, cnn, lenet, cnn-infer (default batch 128, cnn-infer 256)",
            List.of("mlp", "cnn", "lenet", "cnn-infer"));

    /** The models {@code train} knows. */
    static final List<String> MODELS = List.of("mlp", "cnn", "lenet", "cnn-infer");

    private final String name;
    private final String syntax;
    private final List<String> defaults;

    BenchOp(String name, String syntax, List<String> defaults) {
        this.name = name;
        this.syntax = syntax;
        this.defaults = defaults;
    }

    /** The name on the command line. */
    String label() {
        return name;
    }

    /** The sizes run when {@code --sizes} is not given. */
    List<String> defaultSizes() {
        return defaults;
    }

    /** The benchmark called {@code name}; throws IllegalArgumentException listing the known ones. */
    static BenchOp of(String name) {
        for (BenchOp op : values()) {
            if (op.name.equals(name.toLowerCase(Locale.ROOT))) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown benchmark '" + name
                + "': choose one of gemm, conv2d, softmax, elementwise, train");
    }

    /** Parses one {@code --sizes} entry; throws IllegalArgumentException saying the syntax expected. */
    BenchSize parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            return switch (this) {
                case GEMM -> {
                    int[] d = positives(t.split("x", -1));
                    if (d.length == 1) {
                        yield new BenchSize(this, t, new int[] {d[0], d[0], d[0]}, null);
                    }
                    if (d.length != 3) {
                        throw bad(text);
                    }
                    yield new BenchSize(this, t, d, null);
                }
                case CONV2D -> conv(text, t);
                case SOFTMAX -> {
                    int[] d = positives(t.split("x", -1));
                    if (d.length != 2) {
                        throw bad(text);
                    }
                    yield new BenchSize(this, t, d, null);
                }
                case ELEMENTWISE -> {
                    long n = t.endsWith("m") ? 1L << 20 : t.endsWith("k") ? 1L << 10 : 1;
                    long v = n * positives(new String[] {n == 1 ? t : t.substring(0, t.length() - 1)})[0];
                    if (v > Integer.MAX_VALUE - 8) {
                        throw new IllegalArgumentException("elementwise size " + text + " is too large: at most "
                                + (Integer.MAX_VALUE - 8) + " elements");
                    }
                    yield new BenchSize(this, Long.toString(v), new int[] {(int) v}, null);
                }
                case TRAIN -> {
                    String[] p = t.split(":", -1);
                    if (p.length > 2 || !MODELS.contains(p[0])) {
                        throw new IllegalArgumentException("unknown train model '" + text + "': expected " + syntax);
                    }
                    int batch = p.length == 2 ? positives(new String[] {p[1]})[0] : p[0].equals("cnn-infer") ? 256 : 128;
                    yield new BenchSize(this, p[0] + ":" + batch, new int[] {batch}, p[0]);
                }
            };
        } catch (NumberFormatException e) {
            throw bad(text);
        }
    }

    private BenchSize conv(String text, String t) {
        String[] p = t.split(":", -1);
        if (p.length < 2 || p.length > 4) {
            throw bad(text);
        }
        int[] image = positives(p[0].split("x", -1));
        int[] filter = positives(p[1].split("x", -1));
        if (image.length != 4 || filter.length != 2) {
            throw bad(text);
        }
        int stride = 1;
        int pad = filter[1] / 2;
        for (int i = 2; i < p.length; i++) {
            if (p[i].startsWith("s")) {
                stride = positives(new String[] {p[i].substring(1)})[0];
            } else if (p[i].startsWith("p") && p[i].substring(1).matches("\\d+")) {
                pad = Integer.parseInt(p[i].substring(1));
            } else {
                throw bad(text);
            }
        }
        int[] d = {image[0], image[1], image[2], image[3], filter[0], filter[1], stride, pad};
        if (image[2] + 2 * pad < filter[1] || image[3] + 2 * pad < filter[1]) {
            throw new IllegalArgumentException("conv2d size " + text + ": the " + filter[1] + "x" + filter[1]
                    + " kernel is larger than the padded " + image[2] + "x" + image[3] + " image");
        }
        String label = image[0] + "x" + image[1] + "x" + image[2] + "x" + image[3] + ":" + filter[0] + "x" + filter[1]
                + ":s" + stride + ":p" + pad;
        return new BenchSize(this, label, d, null);
    }

    private static int[] positives(String[] parts) {
        int[] v = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Integer.parseInt(parts[i].trim());
            if (v[i] <= 0) {
                throw new NumberFormatException("not positive: " + v[i]);
            }
        }
        return v;
    }

    private IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("bad " + name + " size '" + text + "': expected " + syntax);
    }
}
