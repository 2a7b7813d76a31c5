package dev.sinapsis.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sinapsis.data.text.TextDataset.Keep;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextDatasetTest {
    private static final Vocabulary VOCAB = Vocabulary.build(List.of(List.of("a", "b", "c", "d", "e")), 100, 1);

    @Test
    void truncatesKeepingTheStartOrTheEndAndPads() {
        int[] ids = {5, 6, 7, 8, 9};
        assertArrayEquals(new int[] {5, 6, 7}, TextDataset.encode(ids, 3, Keep.START));
        assertArrayEquals(new int[] {7, 8, 9}, TextDataset.encode(ids, 3, Keep.END));
        assertArrayEquals(ids, TextDataset.encode(ids, 5, Keep.END));
        assertArrayEquals(new int[] {Vocabulary.PAD}, TextDataset.encode(new int[0], 3, Keep.END), "empty: one PAD step");

        TextDataset d = TextDataset.fromTexts(List.of("A b c d E!", "e", ""), new long[] {1, 0, 1}, 2, VOCAB, 4,
                Keep.END);
        assertEquals(3, d.size());
        assertArrayEquals(new int[] {4, 1, 1}, new int[] {d.length(0), d.length(1), d.length(2)});
        long[] row = new long[6];
        d.copyInput(0, row, 1);
        // "a b c d e !" keeps its last 4 tokens: c d e ! (! is unknown)
        assertArrayEquals(new long[] {0, VOCAB.id("c"), VOCAB.id("d"), VOCAB.id("e"), Vocabulary.UNK, 0}, row);
        d.copyInput(1, row, 2);
        assertArrayEquals(new long[] {0, VOCAB.id("c"), VOCAB.id("e"), 0, 0, 0}, row, "padded with PAD");
        assertEquals(1, d.target(0));
    }

    @Test
    void refusesMismatchedLabels() {
        assertThrows(IllegalArgumentException.class,
                () -> TextDataset.fromTexts(List.of("a"), new long[] {0, 1}, 2, VOCAB, 4, Keep.START));
        assertThrows(IllegalArgumentException.class,
                () -> TextDataset.fromTexts(List.of("a"), new long[] {2}, 2, VOCAB, 4, Keep.START));
    }
}
