package dev.sinapsis.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON (RFC 8259) reader and writer, just enough for safetensors headers.
 *
 * <p>Values map to Java as: object -> {@link LinkedHashMap} (key order kept), array -> {@link List},
 * string -> {@link String}, integer literal -> {@link BigInteger}, other number -> {@link BigDecimal},
 * {@code true}/{@code false} -> {@link Boolean}, {@code null} -> {@link #NULL}.
 *
 * <p>Strict means: duplicate object keys, trailing commas, comments, single quotes, leading zeros,
 * unescaped control characters, unpaired surrogate escapes and anything but whitespace after the
 * top-level value are errors. Nesting is limited to {@value #MAX_DEPTH} levels and number literals
 * to {@value #MAX_NUMBER_LENGTH} characters, so hostile input cannot exhaust the stack or the CPU.
 */
public final class Json {
    /** The JSON {@code null} (a Java null would be ambiguous in maps). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    static final int MAX_DEPTH = 64;
    static final int MAX_NUMBER_LENGTH = 100;

    /** A syntax error; the message gives the character offset. */
    static final class JsonException extends Exception {
        private static final long serialVersionUID = 1L;

        JsonException(String message) {
            super(message);
        }
    }

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON value that must span the whole text (surrounding whitespace allowed). */
    static Object parse(String text) throws JsonException {
        Json p = new Json(text);
        p.skipWhitespace();
        Object value = p.value(0);
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw p.error("unexpected " + p.describe() + " after the end of the JSON value");
        }
        return value;
    }

    private Object value(int depth) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected " + describe() + ", expected a value");
        }
    }

    private Map<String, Object> object(int depth) throws JsonException {
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("unexpected " + describe() + ", expected a string key");
            }
            int keyAt = pos;
            String key = string();
            skipWhitespace();
            expect(':', "after object key");
            skipWhitespace();
            Object v = value(depth + 1);
            if (map.containsKey(key)) {
                pos = keyAt;
                throw error("duplicate key \"" + key + "\"");
            }
            map.put(key, v);
            skipWhitespace();
            if (peek() == ',') {
                pos++;
                continue;
            }
            expect('}', "or ',' in object");
            return map;
        }
    }

    private List<Object> array(int depth) throws JsonException {
        pos++; // '['
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value(depth + 1));
            skipWhitespace();
            if (peek() == ',') {
                pos++;
                continue;
            }
            expect(']', "or ',' in array");
            return list;
        }
    }

    private String string() throws JsonException {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("unescaped control character U+" + String.format("%04X", (int) c) + " in string");
            }
            if (c != '\\') {
                sb.append(c);
                pos++;
                continue;
            }
            if (pos + 1 >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(pos + 1);
            pos += 2;
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(unicodeEscape());
                default -> {
                    pos -= 2;
                    throw error("invalid escape \\" + e);
                }
            }
        }
    }

    /** After "\\u": one code unit, or a surrogate pair written as two escapes. */
    private String unicodeEscape() throws JsonException {
        char hi = hex4();
        if (Character.isLowSurrogate(hi)) {
            throw error("unpaired low surrogate \\u" + String.format("%04X", (int) hi));
        }
        if (!Character.isHighSurrogate(hi)) {
            return String.valueOf(hi);
        }
        if (!text.startsWith("\\u", pos)) {
            throw error("unpaired high surrogate \\u" + String.format("%04X", (int) hi));
        }
        pos += 2;
        char lo = hex4();
        if (!Character.isLowSurrogate(lo)) {
            throw error("high surrogate not followed by a low surrogate");
        }
        return new String(new char[] {hi, lo});
    }

    private char hex4() throws JsonException {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                throw error("invalid hex digit in \\u escape");
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private Object number() throws JsonException {
        int start = pos;
        boolean integer = true;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("leading zero in number");
            }
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("expected a digit");
        }
        if (peek() == '.') {
            integer = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("expected a digit after '.'");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integer = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in exponent");
            }
            digits();
        }
        String literal = text.substring(start, pos);
        if (literal.length() > MAX_NUMBER_LENGTH) {
            pos = start;
            throw error("number literal longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        try {
            return integer ? new BigInteger(literal) : new BigDecimal(literal);
        } catch (NumberFormatException | ArithmeticException ex) {
            pos = start;
            throw error("number out of range: " + literal);
        }
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) throws JsonException {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected " + describe() + ", expected a value");
        }
        pos += word.length();
        return value;
    }

    private void expect(char c, String context) throws JsonException {
        if (peek() != c) {
            throw error("expected '" + c + "' " + context + ", found " + describe());
        }
        pos++;
    }

    /** The current character, or -1 at the end. */
    private int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private String describe() {
        if (pos >= text.length()) {
            return "end of input";
        }
        char c = text.charAt(pos);
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("character U+%04X", (int) c);
    }

    private JsonException error(String message) {
        return new JsonException("invalid JSON at character " + pos + ": " + message);
    }

    // ---------------------------------------------------------------- writing

    /** Appends {@code s} as a JSON string literal (non-ASCII kept as is; the caller encodes UTF-8). */
    static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    /**
     * {@code value} as compact JSON: maps with string keys, lists, strings, integers, doubles
     * (finite ones as numbers, integral values without a fraction; NaN and infinities as
     * {@code null}, which JSON has no other spelling for), booleans and null. The one public entry
     * of this class, for tools that write machine-readable summaries.
     */
    public static String write(Object value) {
        return write(new StringBuilder(), value).toString();
    }

    /**
     * Writes a value made of maps with string keys, lists, strings, numbers and booleans, compactly
     * (no spaces), like {@code serde_json::to_string} in the reference implementation.
     */
    static StringBuilder write(StringBuilder sb, Object value) {
        if (value instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(sb, (String) e.getKey()).append(':');
                write(sb, e.getValue());
            }
            return sb.append('}');
        }
        if (value instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(sb, list.get(i));
            }
            return sb.append(']');
        }
        if (value instanceof String s) {
            return quote(sb, s);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger
                || value instanceof Boolean) {
            return sb.append(value);
        }
        if (value instanceof BigDecimal d) {
            return sb.append(d.toString());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                return sb.append("null");
            }
            return sb.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
        }
        if (value == NULL || value == null) {
            return sb.append("null");
        }
        throw new IllegalArgumentException("cannot write " + (value == null ? "null" : value.getClass()) + " as JSON");
    }
}
