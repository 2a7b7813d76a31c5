package dev.sinapsis.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Safetensors-aware mutations: edits of the JSON header that reach its validation. */
public final class SafeTensorsEdits {
    private static final List<String> DTYPES = List.of("F32", "F64", "F16", "BF16", "I8", "U8", "I16", "U16", "I32",
            "I64", "BOOL", "F8_E4M3", "U64", "C64", "", "f32");
    private static final List<String> NUMBERS = List.of("0", "-1", "1", "2", "3", "8", "7", "1e3", "1.5", "-0",
            "2147483647", "2147483648", "4294967296", "9223372036854775807", "9223372036854775808",
            "18446744073709551615", "99999999999999999999999", "1e999", "null", "true", "\"1\"", "[]", "{}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+");
    private static final Pattern STRING = Pattern.compile("\"[^\"]*\"");

    private SafeTensorsEdits() {
    }

    /** Applies {@code edit} to the header JSON and writes it back with a correct length prefix. */
    public static byte[] editHeader(byte[] b, SplittableRandom r, BiFunction<String, SplittableRandom, String> edit) {
        if (b.length < 8) {
            return b;
        }
        long n = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 0 || n > b.length - 8) {
            return b;
        }
        String json = new String(b, 8, (int) n, StandardCharsets.UTF_8);
        byte[] edited = edit.apply(json, r).getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + edited.length + b.length - 8 - (int) n).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(edited.length).put(edited).put(b, 8 + (int) n, b.length - 8 - (int) n);
        return out.array();
    }

    private static String replaceOne(String s, Pattern p, SplittableRandom r, String with) {
        Matcher m = p.matcher(s);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return s;
        }
        int[] at = spans.get(r.nextInt(spans.size()));
        return s.substring(0, at[0]) + with + s.substring(at[1]);
    }

    /** Edits of the header JSON (kept consistent with its length prefix) and of the prefix itself. */
    public static final List<BiFunction<byte[], SplittableRandom, byte[]>> HEADER_EDITS = List.of(
            (b, r) -> editHeader(b, r, (j, q) -> replaceOne(j, NUMBER, q, NUMBERS.get(q.nextInt(NUMBERS.size())))),
            (b, r) -> editHeader(b, r, (j, q) -> replaceOne(j, NUMBER, q, Long.toString(Mutator.interesting(q)))),
            (b, r) -> editHeader(b, r, (j, q) -> replaceOne(j, Pattern.compile("\"(F32|F64|I32|I64|BOOL)\""), q,
                    "\"" + DTYPES.get(q.nextInt(DTYPES.size())) + "\"")),
            (b, r) -> editHeader(b, r, (j, q) -> replaceOne(j, STRING, q, List.of("\"\"", "\"__metadata__\"",
                    "\"dtype\"", "\"shape\"", "\"data_offsets\"", "\"fc.weight\"", "\"\\u0000\"", "\"\\ud800\"",
                    "\"x\\\"y\"", "1", "[1,2]", "{}", "null").get(q.nextInt(13)))),
            (b, r) -> editHeader(b, r, (j, q) -> {
                int at = q.nextInt(j.length() + 1);
                String piece = List.of("{", "}", "[", "]", ",", ":", "\"", " ", "\\", "-", "0", "e").get(q.nextInt(12));
                return q.nextBoolean() ? j.substring(0, at) + piece + j.substring(at)
                        : j.substring(0, Math.max(0, at - 1)) + j.substring(at);
            }),
            (b, r) -> {
                if (b.length >= 8) {
                    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Mutator.interesting(r));
                }
                return b;
            });
}
