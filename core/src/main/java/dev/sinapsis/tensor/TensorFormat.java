package dev.sinapsis.tensor;

import java.util.Locale;

/** Renders a tensor like NumPy/PyTorch: nested brackets, abbreviated when large. */
final class TensorFormat {
    /** Above this many elements, each axis shows its first and last {@link #EDGE} entries. */
    private static final int SUMMARY_THRESHOLD = 1000;
    private static final int EDGE = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder("tensor(");
        double[] values;
        try {
            values = t.dtype() == DType.BOOL ? null : Host.toDoubles(t.detach());
        } catch (IllegalStateException closed) {
            return "tensor(<closed>, shape=" + t.shape() + ", dtype=" + t.dtype() + ")";
        }
        boolean[] bools = t.dtype() == DType.BOOL ? t.toBooleanArray() : null;
        boolean summarize = t.numel() > SUMMARY_THRESHOLD;
        int[] dims = t.shape().toArray();
        int[] strides = t.shape().contiguousStrides();
        appendAxis(sb, t.dtype(), values, bools, dims, strides, 0, 0, summarize, 7);
        sb.append(", shape=").append(t.shape()).append(", dtype=").append(t.dtype());
        if (!"cpu".equals(t.device().backend())) {
            sb.append(", device=").append(t.device());
        }
        if (t.gradFn() != null) {
            sb.append(", gradFn=").append(t.gradFn().name());
        } else if (t.requiresGrad()) {
            sb.append(", requiresGrad=true");
        }
        return sb.append(')').toString();
    }

    private static void appendAxis(StringBuilder sb, DType dtype, double[] values, boolean[] bools, int[] dims,
                                   int[] strides, int axis, int base, boolean summarize, int indent) {
        if (axis == dims.length) {
            sb.append(element(dtype, values, bools, base));
            return;
        }
        sb.append('[');
        int n = dims[axis];
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE && i == EDGE) {
                sb.append(axis == dims.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + axis + 1));
                i = n - EDGE;
            }
            appendAxis(sb, dtype, values, bools, dims, strides, axis + 1, base + i * strides[axis], summarize,
                    indent);
            if (i < n - 1) {
                sb.append(axis == dims.length - 1 ? ", " : ",\n" + " ".repeat(indent + axis + 1));
            }
        }
        sb.append(']');
    }

    private static String element(DType dtype, double[] values, boolean[] bools, int i) {
        return switch (dtype) {
            case BOOL -> Boolean.toString(bools[i]);
            case I32, I64 -> Long.toString((long) values[i]);
            default -> String.format(Locale.ROOT, "%.4f", values[i]);
        };
    }
}
