package dev.sinapsis.data.text;

import dev.sinapsis.data.SequenceDataset;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Labelled texts encoded as token ids, each cut to at most {@code maxLength} tokens (keeping its
 * start or its end) and padded with {@link Vocabulary#PAD}: a {@link SequenceDataset} of I64
 * inputs {@code [maxLength]} whose lengths a {@link dev.sinapsis.data.DataLoader} passes on. An
 * empty text is one PAD step (length 1), since a sequence needs at least one step.
 */
public final class TextDataset implements SequenceDataset {
    /** Which part of a text longer than the maximum length to keep. */
    public enum Keep {
        /** The first tokens. */
        START,
        /** The last tokens (where reviews often conclude). */
        END
    }

    private final int[][] ids;
    private final long[] labels;
    private final int classes;
    private final int maxLength;

    private TextDataset(int[][] ids, long[] labels, int classes, int maxLength) {
        this.ids = ids;
        this.labels = labels;
        this.classes = classes;
        this.maxLength = maxLength;
    }

    /**
     * Encodes tokenised texts with {@code vocab}.
     *
     * @param documents each text's tokens ({@link Tokenizer#tokenize})
     * @param labels    each text's class in {@code [0, classes)}
     * @throws IllegalArgumentException if the counts differ, a label is out of range, or {@code maxLength < 1}
     */
    public static TextDataset encode(List<List<String>> documents, long[] labels, int classes, Vocabulary vocab,
                                     int maxLength, Keep keep) {
        if (documents.size() != labels.length) {
            throw new IllegalArgumentException(documents.size() + " texts but " + labels.length + " labels");
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("the maximum length must be >= 1, got " + maxLength);
        }
        int[][] ids = new int[documents.size()][];
        for (int i = 0; i < ids.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of text " + i + " is outside [0, " + classes
                        + ")");
            }
            ids[i] = encode(vocab.encode(documents.get(i)), maxLength, keep);
        }
        return new TextDataset(ids, labels.clone(), classes, maxLength);
    }

    /** Tokenises and encodes raw {@code texts}; see {@link #encode(List, long[], int, Vocabulary, int, Keep)}. */
    public static TextDataset fromTexts(List<String> texts, long[] labels, int classes, Vocabulary vocab, int maxLength,
                                        Keep keep) {
        List<List<String>> docs = new ArrayList<>(texts.size());
        for (String t : texts) {
            docs.add(Tokenizer.tokenize(t));
        }
        return encode(docs, labels, classes, vocab, maxLength, keep);
    }

    /**
     * {@code ids} cut to at most {@code maxLength} (its first or last ids), or {@code [PAD]} if empty:
     * the real steps of a sequence, which padding completes.
     */
    public static int[] encode(int[] ids, int maxLength, Keep keep) {
        if (ids.length == 0) {
            return new int[] {Vocabulary.PAD};
        }
        if (ids.length <= maxLength) {
            return ids.clone();
        }
        return keep == Keep.START ? Arrays.copyOf(ids, maxLength)
                : Arrays.copyOfRange(ids, ids.length - maxLength, ids.length);
    }

    /** The maximum length. */
    public int maxLength() {
        return maxLength;
    }

    /** The ids of example {@code index}'s real steps. */
    public int[] ids(int index) {
        return ids[index].clone();
    }

    @Override
    public int length(int index) {
        return ids[index].length;
    }

    @Override
    public int size() {
        return ids.length;
    }

    @Override
    public Shape inputShape() {
        return Shape.of(maxLength);
    }

    @Override
    public DType inputType() {
        return DType.I64;
    }

    @Override
    public void copyInput(int index, Object dst, int offset) {
        long[] out = (long[]) dst;
        int[] seq = ids[index];
        for (int i = 0; i < seq.length; i++) {
            out[offset + i] = seq[i];
        }
        Arrays.fill(out, offset + seq.length, offset + maxLength, Vocabulary.PAD);
    }

    @Override
    public long target(int index) {
        return labels[index];
    }

    @Override
    public int numClasses() {
        return classes;
    }
}
