package dev.sinapsis.kernels;

import java.util.ArrayList;
import java.util.List;

/** The tokens of C text, as {@link CPreprocessor} needs them. */
final class CLexer {
    private CLexer() {
    }

    private static final List<String> PUNCTUATORS = List.of("##", "==", "!=", "<=", ">=", "&&", "||", "<<", ">>",
            "->", "++", "--");

    /** Identifiers, numbers, strings, punctuators; each run of white space is one {@code " "} token. */
    static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int j = i + 1;
            if (Character.isWhitespace(c)) {
                while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
                    j++;
                }
                out.add(" ");
                i = j;
                continue;
            }
            if (Character.isLetterOrDigit(c) || c == '_') {
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_'
                        || (Character.isDigit(c) && s.charAt(j) == '.'))) {
                    j++;
                }
            } else if (c == '"') {
                j = s.indexOf('"', i + 1) + 1;
            } else if (i + 2 <= s.length() && PUNCTUATORS.contains(s.substring(i, i + 2))) {
                j = i + 2;
            }
            out.add(s.substring(i, j));
            i = j;
        }
        return out;
    }

    /** The text with comments replaced by a space (newlines inside block comments kept). */
    static String stripComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                for (int k = i; k < end; k++) {
                    if (s.charAt(k) == '\n') {
                        out.append('\n');
                    }
                }
                out.append(' ');
                i = end + 2;
            } else if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end;
            } else if (s.charAt(i) == '"') {
                int end = s.indexOf('"', i + 1) + 1;
                out.append(s, i, end);
                i = end;
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }
}
