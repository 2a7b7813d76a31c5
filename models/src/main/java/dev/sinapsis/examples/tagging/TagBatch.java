package dev.sinapsis.examples.tagging;

import dev.sinapsis.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A padded batch of sentences: word, suffix and shape ids {@code [B, T]}, lengths, and tag ids
 * {@code [B, T]} with {@link #IGNORE} at padding (and at tags unseen in training).
 */
public record TagBatch(Tensor words, Tensor suffixes, Tensor shapes, int[] lengths, Tensor tags) {
    /** Target id the loss ignores. */
    public static final long IGNORE = -100;

    /**
     * The batch of {@code sentences}; with {@code rng} non-null, each word seen once in training is
     * replaced by the unknown word with probability {@code wordDropout} (so the unknown word's
     * embedding learns something).
     */
    public static TagBatch of(List<TaggedSentence> sentences, Features f, SplittableRandom rng, double wordDropout) {
        int b = sentences.size();
        int t = sentences.stream().mapToInt(TaggedSentence::length).max().orElse(1);
        long[] w = new long[b * t];
        long[] s = new long[b * t];
        long[] sh = new long[b * t];
        long[] y = new long[b * t];
        java.util.Arrays.fill(y, IGNORE);
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            TaggedSentence sent = sentences.get(i);
            lengths[i] = sent.length();
            for (int j = 0; j < sent.length(); j++) {
                String word = sent.words().get(j);
                int id = f.word(word);
                if (rng != null && f.rare(word) && rng.nextDouble() < wordDropout) {
                    id = Features.UNK;
                }
                w[i * t + j] = id;
                s[i * t + j] = f.suffixId(word);
                sh[i * t + j] = Features.shape(word);
                int tag = f.tagId(sent.tags().get(j));
                y[i * t + j] = tag < 0 ? IGNORE : tag;
            }
        }
        return new TagBatch(Tensor.of(w, b, t), Tensor.of(s, b, t), Tensor.of(sh, b, t), lengths, Tensor.of(y, b, t));
    }
}
