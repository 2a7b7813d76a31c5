package dev.sinapsis.spark;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What workers send back, summed pairwise by {@code treeAggregate}: named tensors' elements
 * (gradients in sync mode; parameters and optimizer state in average mode), the training
 * figures' sums, and how many examples and workers contributed. F32 tensors travel and add up as
 * {@code float[]}, F64 ones as {@code double[]}, integer ones (step counts) as {@code double[]}.
 */
final class Contribution implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String[] names;
    private final int[][] shapes;
    private final DType[] types;
    private final Object[] values;
    private final double[] figures;
    private int examples;
    private int workers;

    private Contribution(String[] names, int[][] shapes, DType[] types, Object[] values, double[] figures,
                         int examples, int workers) {
        this.names = names;
        this.shapes = shapes;
        this.types = types;
        this.values = values;
        this.figures = figures;
        this.examples = examples;
        this.workers = workers;
    }

    /** Nothing: the neutral element of {@link #merge}. */
    static Contribution none() {
        return new Contribution(new String[0], new int[0][], new DType[0], new Object[0], new double[0], 0, 0);
    }

    /** One worker's tensors (copied to the host) with its figures over {@code examples} examples. */
    static Contribution of(List<String> names, List<Tensor> tensors, double[] figures, int examples) {
        int n = names.size();
        String[] ns = names.toArray(new String[0]);
        int[][] shapes = new int[n][];
        DType[] types = new DType[n];
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            Tensor t = tensors.get(i);
            shapes[i] = t.shape().toArray();
            types[i] = t.dtype();
            values[i] = switch (t.dtype()) {
                case F32 -> t.toFloatArray();
                default -> t.toDoubleArray();
            };
        }
        return new Contribution(ns, shapes, types, values, figures.clone(), examples, 1);
    }

    /** The sum of this and {@code other} (this one, updated in place, or {@code other}). */
    Contribution merge(Contribution other) {
        if (other.workers == 0) {
            return this;
        }
        if (workers == 0) {
            return other;
        }
        if (!Arrays.equals(names, other.names)) {
            throw new IllegalStateException("workers sent different tensors: " + Arrays.toString(names) + " vs "
                    + Arrays.toString(other.names));
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof float[] a) {
                float[] b = (float[]) other.values[i];
                for (int j = 0; j < a.length; j++) {
                    a[j] += b[j];
                }
            } else {
                double[] a = (double[]) values[i];
                double[] b = (double[]) other.values[i];
                for (int j = 0; j < a.length; j++) {
                    a[j] += b[j];
                }
            }
        }
        for (int i = 0; i < figures.length; i++) {
            figures[i] += other.figures[i];
        }
        examples += other.examples;
        workers += other.workers;
        return this;
    }

    /** Examples the contributing workers trained on. */
    int examples() {
        return examples;
    }

    /** Workers that contributed. */
    int workers() {
        return workers;
    }

    /** The figures' sums (empty when no worker contributed). */
    double[] figures() {
        return figures;
    }

    /** The names of the tensors, in the workers' order. */
    List<String> names() {
        return List.of(names);
    }

    /**
     * Tensor {@code i} times {@code scale} (1 for the sum, {@code 1 / workers} for the mean), in its
     * workers' dtype and shape, on the current backend.
     */
    Tensor tensor(int i, double scale) {
        Object host;
        if (values[i] instanceof float[] f) {
            float[] v = f.clone();
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) (v[j] * scale);
            }
            host = v;
        } else {
            double[] v = ((double[]) values[i]).clone();
            for (int j = 0; j < v.length; j++) {
                v[j] *= scale;
            }
            host = switch (types[i]) {
                case F64 -> v;
                case F32 -> throw new IllegalStateException("F32 values travel as float[]");
                case I64 -> Arrays.stream(v).mapToLong(Math::round).toArray();
                case I32 -> Arrays.stream(v).mapToInt(x -> (int) Math.round(x)).toArray();
                case BOOL -> {
                    boolean[] b = new boolean[v.length];
                    for (int j = 0; j < v.length; j++) {
                        b[j] = v[j] >= 0.5;
                    }
                    yield b;
                }
            };
        }
        return shapes[i].length == 0 ? scalar(host) : of(host, shapes[i]);
    }

    private static Tensor of(Object host, int[] shape) {
        return host instanceof float[] f ? Tensor.of(f, shape) : ofOther(host, shape);
    }

    private static Tensor ofOther(Object host, int[] shape) {
        if (host instanceof double[] d) {
            return Tensor.of(d, shape);
        }
        if (host instanceof long[] l) {
            return Tensor.of(l, shape);
        }
        if (host instanceof int[] n) {
            return Tensor.of(n, shape);
        }
        return Tensor.of((boolean[]) host, shape);
    }

    /** A rank-0 tensor (the factories make a 1-d tensor when no shape is given). */
    private static Tensor scalar(Object host) {
        Tensor flat = of(host, new int[] {1});
        Tensor s = flat.reshape();
        if (s != flat) {
            flat.close();
        }
        return s;
    }

    /** The tensors by name, each times {@code scale} (see {@link #tensor}). */
    Map<String, Tensor> tensors(double scale) {
        Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], tensor(i, scale));
        }
        return out;
    }
}
