package dev.sinapsis.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strict JSON reader and writer behind safetensors headers (no backend needed). */
class JsonTest {
    @Test
    void publicWriterHandlesSummaryValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", "cnn \"x\"");
        m.put("epochs", 4);
        m.put("seed", 42L);
        m.put("accuracy", 0.9795);
        m.put("whole", 3.0);
        m.put("f", 0.5f);
        m.put("nan", Double.NaN);
        m.put("none", null);
        m.put("stopped", false);
        m.put("list", List.of(1, 2.5));
        assertEquals("{\"model\":\"cnn \\\"x\\\"\",\"epochs\":4,\"seed\":42,\"accuracy\":0.9795,\"whole\":3,"
                + "\"f\":0.5,\"nan\":null,\"none\":null,\"stopped\":false,\"list\":[1,2.5]}", Json.write(m));
    }

    @Test
    void parsesEveryValueKindKeepingKeyOrder() throws Exception {
        Object v = Json.parse(" {\"b\":[1,-0,2.5,-3e2,1E+2],\"a\":{\"t\":true,\"f\":false,\"n\":null},\"s\":\"x\"}\n");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("b", "a", "s"), List.copyOf(m.keySet()));
        assertEquals(List.of(BigInteger.ONE, BigInteger.ZERO, new BigDecimal("2.5"), new BigDecimal("-3e2"),
                new BigDecimal("1E+2")), m.get("b"));
        Map<?, ?> a = (Map<?, ?>) m.get("a");
        assertEquals(Boolean.TRUE, a.get("t"));
        assertEquals(Boolean.FALSE, a.get("f"));
        assertEquals(Json.NULL, a.get("n"));
        assertEquals(Map.of(), Json.parse("{}"));
        assertEquals(List.of(), Json.parse("[ ]"));
    }

    @Test
    void decodesEscapesAndSurrogatePairs() throws Exception {
        assertEquals("q\"b\\s/\b\f\n\r\tAé😀", Json.parse("\"q\\\"b\\\\s\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\ud83d\\ude00\""));
        assertEquals("é😀", Json.parse("\"é😀\"")); // raw non-ASCII is fine
    }

    @Test
    void writesCompactJsonThatParsesBack() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name \"q\"\n\u0001", List.of(1, 2L, BigInteger.TEN));
        m.put("meta", Map.of("k", "v\\é"));
        m.put("flag", true);
        String text = Json.write(new StringBuilder(), m).toString();
        assertEquals("{\"name \\\"q\\\"\\n\\u0001\":[1,2,10],\"meta\":{\"k\":\"v\\\\é\"},\"flag\":true}", text);
        Map<?, ?> back = (Map<?, ?>) Json.parse(text);
        assertEquals(List.copyOf(m.keySet()), List.copyOf(back.keySet()));
        assertEquals(Map.of("k", "v\\é"), back.get("meta"));
    }

    private static void rejects(String json, String fragment) {
        Json.JsonException e = assertThrows(Json.JsonException.class, () -> Json.parse(json), json);
        assertTrue(e.getMessage().contains(fragment), "'" + json + "' -> " + e.getMessage());
        assertTrue(e.getMessage().startsWith("invalid JSON at character "), e.getMessage());
    }

    @Test
    void rejectsEverythingNotStrictJson() {
        rejects("", "unexpected end of input");
        rejects("{\"a\":1,}", "expected a string key");
        rejects("[1,]", "unexpected ']'");
        rejects("{\"a\":1,\"a\":2}", "duplicate key \"a\"");
        rejects("{\"a\":1} x", "after the end of the JSON value");
        rejects("{\"a\":1}{}", "after the end of the JSON value");
        rejects("{'a':1}", "expected a string key");
        rejects("{\"a\" 1}", "expected ':' after object key");
        rejects("{\"a\":1 \"b\":2}", "expected '}' or ',' in object");
        rejects("[1 2]", "expected ']' or ',' in array");
        rejects("01", "leading zero");
        rejects("-", "expected a digit");
        rejects("1.", "expected a digit after '.'");
        rejects("1e", "expected a digit in exponent");
        rejects("+1", "unexpected '+'");
        rejects("NaN", "unexpected 'N'");
        rejects("tru", "expected a value");
        rejects("\"abc", "unterminated string");
        rejects("\"a\u0001\"", "unescaped control character U+0001");
        rejects("\"\\x\"", "invalid escape \\x");
        rejects("\"\\u12zz\"", "invalid hex digit");
        rejects("\"\\u12", "truncated \\u escape");
        rejects("\"\\ud83d\"", "unpaired high surrogate");
        rejects("\"\\ude00\"", "unpaired low surrogate");
        rejects("\"\\ud83d\\u0041\"", "high surrogate not followed by a low surrogate");
        rejects("// c\n{}", "unexpected '/'");
        rejects("1".repeat(101), "number literal longer than 100 characters");
        rejects("[".repeat(100_000), "nesting deeper than 64 levels");
        rejects("{\"a\":".repeat(100) + "1" + "}".repeat(100), "nesting deeper than 64 levels");
    }
}
