package dev.sinapsis.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into word and punctuation tokens, as torchtext's {@code basic_english} does in
 * spirit: lower case (locale-independent), HTML line breaks ({@code <br />}, {@code <br>}) removed,
 * words kept whole (letters and digits, with inner apostrophes: {@code don't}), and every other
 * visible character a token of its own ({@code "great!"} → {@code great}, {@code !}).
 *
 * <pre>{@code
 * Tokenizer.tokenize("A <br /><br />GREAT film, isn't it?")
 *   // [a, great, film, ",", isn't, it, ?]
 * }</pre>
 */
public final class Tokenizer {
    private static final Pattern LINE_BREAK = Pattern.compile("<\\s*br\\s*/?\\s*>", Pattern.CASE_INSENSITIVE);
    /** A word (letters, digits and marks, inner apostrophes kept), or any other non-space character. */
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}\\p{M}]+(?:['\u2019][\\p{L}\\p{N}\\p{M}]+)*|\\S",
            Pattern.UNICODE_CHARACTER_CLASS);

    private Tokenizer() {
    }

    /** The tokens of {@code text}, in order. */
    public static List<String> tokenize(String text) {
        String clean = LINE_BREAK.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(clean);
        while (m.find()) {
            tokens.add(m.group().replace('\u2019', '\''));
        }
        return tokens;
    }
}
