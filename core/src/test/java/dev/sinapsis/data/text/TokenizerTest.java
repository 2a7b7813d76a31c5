package dev.sinapsis.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    @Test
    void lowerCasesRemovesLineBreaksAndSplitsPunctuation() {
        assertEquals(List.of("a", "great", "film", ",", "isn't", "it", "?", "10", "/", "10", "!", "!"),
                Tokenizer.tokenize("A <br /><br />GREAT film, isn't it?<BR>10/10!!"));
    }

    @Test
    void keepsLettersOfEveryAlphabetAndNormalisesApostrophes() {
        assertEquals(List.of("película", "niño's", "café", "-", "naïve", "\u00ab", "x", "\u00bb"),
                Tokenizer.tokenize("Película niño\u2019s CAFÉ - naïve \u00abx\u00bb"));
    }

    @Test
    void whitespaceOfAnyKindSeparatesAndNeverEndsUpInATokenAndEmptyTextHasNoTokens() {
        assertEquals(List.of("a", "b", "c", "d"), Tokenizer.tokenize("a\u00a0b\u2003c\u2028\td\n"));
        assertEquals(List.of(), Tokenizer.tokenize("  <br/> "));
        assertEquals(List.of("'", "quoted", "'"), Tokenizer.tokenize("'quoted'"), "outer apostrophes are punctuation");
    }
}
