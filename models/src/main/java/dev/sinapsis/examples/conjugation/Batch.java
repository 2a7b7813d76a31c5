package dev.sinapsis.examples.conjugation;

import dev.sinapsis.tensor.Tensor;
import java.util.List;

/**
 * A padded batch: source ids {@code [B, S]} with their lengths, the decoder's targets {@code [B, T]}
 * (padded with the end marker, read as previous characters under teacher forcing) and the same
 * targets for the loss, padded with {@link #IGNORE}.
 */
public record Batch(Tensor source, int[] sourceLengths, Tensor target, Tensor lossTarget) {
    /** The target id the loss ignores (padding after the end marker). */
    public static final long IGNORE = -100;

    /** Batch size. */
    public int size() {
        return sourceLengths.length;
    }

    /** The batch of {@code rows}. */
    public static Batch of(List<VerbForm> rows, Symbols symbols) {
        int b = rows.size();
        int[][] src = new int[b][];
        int[][] tgt = new int[b][];
        int s = 1;
        int t = 1;
        for (int i = 0; i < b; i++) {
            src[i] = symbols.source(rows.get(i));
            tgt[i] = symbols.target(rows.get(i).form());
            s = Math.max(s, src[i].length);
            t = Math.max(t, tgt[i].length);
        }
        long[] source = new long[b * s];
        long[] target = new long[b * t];
        long[] loss = new long[b * t];
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            lengths[i] = src[i].length;
            for (int j = 0; j < src[i].length; j++) {
                source[i * s + j] = src[i][j];
            }
            for (int j = 0; j < t; j++) {
                target[i * t + j] = j < tgt[i].length ? tgt[i][j] : Symbols.EOS;
                loss[i * t + j] = j < tgt[i].length ? tgt[i][j] : IGNORE;
            }
        }
        return new Batch(Tensor.of(source, b, s), lengths, Tensor.of(target, b, t), Tensor.of(loss, b, t));
    }
}
