package dev.sinapsis.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.conformance.BackendTestBase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged safetensors files: every variant must be rejected with a {@link CheckpointException}
 * whose message starts with the file and says what is wrong; nothing else (no index, negative
 * size or out-of-memory error) may escape. The valid base file is built byte by byte here, so
 * the variants do not depend on the writer.
 */
public abstract class SafeTensorsCorruptionContract extends BackendTestBase {
    /** Header of the base file: I64 [2], F32 [2,3], F32 [3], BOOL [2] in data order, 54 data bytes. */
    static final String JSON = "{\"__metadata__\":{\"epoch\":\"3\"},"
            + "\"n\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]},"
            + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[16,40]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[40,52]},"
            + "\"m\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[52,54]}}";

    @TempDir
    Path dir;

    /** The 54 data bytes: n = {7, -9}, w = {1..6}, b = {0.5, -0.5, 2}, m = {true, false}. */
    static byte[] data() {
        ByteBuffer b = ByteBuffer.allocate(54).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(7).putLong(-9);
        for (float v : new float[] {1, 2, 3, 4, 5, 6, 0.5f, -0.5f, 2}) {
            b.putFloat(v);
        }
        return b.put((byte) 1).put((byte) 0).array();
    }

    /** A file with the given header text (space-padded to a multiple of 8) and data bytes. */
    static byte[] file(String json, byte[] data) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        int n = (h.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + n + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(n).put(h);
        for (int i = h.length; i < n; i++) {
            b.put((byte) ' ');
        }
        return b.put(data).array();
    }

    static byte[] valid() {
        return file(JSON, data());
    }

    static byte[] withLength(long headerLength) {
        byte[] f = valid();
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putLong(0, headerLength);
        return f;
    }

    static byte[] edit(String from, String to) {
        assertTrue(JSON.contains(from), from);
        return file(JSON.replace(from, to), data());
    }

    static byte[] withData(byte[] data) {
        return file(JSON, data);
    }

    static Arguments bad(String name, byte[] bytes, String expected) {
        return Arguments.of(name, bytes, expected);
    }

    Stream<Arguments> corruptions() {
        byte[] valid = valid();
        byte[] badUtf8 = valid.clone();
        badUtf8[8 + 20] = (byte) 0xff;
        byte[] badBool = valid.clone();
        badBool[valid.length - 2] = 2;
        byte[] gapData = Arrays.copyOf(data(), 55);
        String deep = "{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
        return Stream.of(
            bad("empty file", new byte[0], "file is 0 bytes long, too short for the 8-byte header length"),
            bad("7 bytes", Arrays.copyOf(valid, 7), "file is 7 bytes long"),
            bad("header length 2^64-1", withLength(-1), "header length 18446744073709551615 bytes is absurd"),
            bad("header length 200 MB", withLength(200_000_000), "header length 200000000 bytes is absurd"),
            bad("header length past the end", withLength(valid.length), "exceeds the file: only "
                    + (valid.length - 8) + " bytes follow"),
            bad("truncated in the header", Arrays.copyOf(valid, 30), "exceeds the file: only 22 bytes follow"),
            bad("truncated in the data", Arrays.copyOf(valid, valid.length - 3),
                    "tensor 'b' claims bytes [40, 52) but the data section has only 51 bytes"),
            bad("trailing garbage after the data", Arrays.copyOf(valid, valid.length + 5),
                    "5 trailing bytes after the last tensor: the data section has 59 bytes but the tensors end at 54"),
            bad("header length 0", withLength(0), "header must start with '{' (a JSON object), found nothing"),
            bad("invalid UTF-8 in the header", badUtf8, "header is not valid UTF-8 (bad byte sequence at file offset 28)"),
            bad("unterminated JSON", file(JSON.substring(0, JSON.length() - 1), data()), "header is not valid JSON"),
            bad("header is an array", file("[1,2]", new byte[0]), "header must start with '{' (a JSON object), found '['"),
            bad("garbage after the JSON", file(JSON + "x", data()), "after the end of the JSON value"),
            bad("duplicate tensor name", edit("\"w\":{", "\"n\":{"), "duplicate key \"n\""),
            bad("missing dtype", edit("\"dtype\":\"F32\",\"shape\":[3],", "\"shape\":[3],"),
                    "tensor 'b' is missing \"dtype\""),
            bad("missing shape", edit("\"shape\":[3],", ""), "tensor 'b' is missing \"shape\""),
            bad("missing data_offsets", edit(",\"data_offsets\":[52,54]", ""), "tensor 'm' is missing \"data_offsets\""),
            bad("unknown dtype", edit("\"F32\",\"shape\":[3]", "\"F128\",\"shape\":[3]"),
                    "tensor 'b' has unsupported dtype 'F128'; readable dtypes are [F64, F32, F16, BF16"),
            bad("dtype not a string", edit("\"BOOL\"", "4"), "tensor 'm': dtype must be a string, found the number 4"),
            bad("negative dimension", edit("[2,3]", "[-2,3]"), "tensor 'w': shape must be an array of non-negative"
                    + " integers below 2^31, but dimension 0 is -2"),
            bad("fractional dimension", edit("[2,3]", "[2,3.0]"), "dimension 1 is 3.0"),
            bad("dimension beyond int", edit("[2,3]", "[3000000000,1]"), "dimension 0 is 3000000000"),
            bad("shape not an array", edit("\"shape\":[3]", "\"shape\":3"), "tensor 'b': shape must be an array"),
            bad("element count beyond 2^31-1", edit("[2,3]", "[65536,65536]"), "tensor 'w': shape [65536,65536] has more than 2^31-1 elements"),
            bad("huge shape, small offsets", edit("[2,3]", "[46340,46340]"),
                    "tensor 'w' claims bytes [16, 40) but has shape [46340,46340] of F32 = 8589582400 bytes"),
            bad("one offset", edit("[40,52]", "[40]"), "tensor 'b': data_offsets must be [begin, end] with"
                    + " integers 0 <= begin <= end, found [40]"),
            bad("offsets reversed", edit("[40,52]", "[52,40]"), "found [52,40]"),
            bad("negative offset", edit("[0,16]", "[-1,15]"), "tensor 'n': data_offsets must be"),
            bad("offset beyond 2^63", edit("[52,54]", "[52,99999999999999999999]"), "tensor 'm': data_offsets must be"),
            bad("offsets not numbers", edit("[52,54]", "[\"52\",\"54\"]"), "found [\"52\",\"54\"]"),
            bad("byte length does not match the shape", edit("\"shape\":[3]", "\"shape\":[4]"),
                    "tensor 'b' claims bytes [40, 52) but has shape [4] of F32 = 16 bytes"),
            bad("end past the data section", edit("[40,52]", "[52,64]"),
                    "tensor 'b' claims bytes [52, 64) but the data section has only 54 bytes"),
            bad("overlapping tensors", edit("[40,52]", "[36,48]"), "tensors 'w' [16, 40) and 'b' [36, 48) overlap"),
            bad("empty tensor inside another", edit("\"b\":{", "\"z\":{\"dtype\":\"F32\",\"shape\":[0],"
                    + "\"data_offsets\":[20,20]},\"b\":{"), "tensors 'w' [16, 40) and 'z' [20, 20) overlap"),
            bad("gap between tensors", file(JSON.replace("[52,54]", "[53,55]"), gapData),
                    "bytes [52, 53) of the data section belong to no tensor (gap before tensor 'm')"),
            bad("metadata value not a string", edit("\"epoch\":\"3\"", "\"epoch\":3"),
                    "__metadata__ value of 'epoch' must be a string, found the number 3"),
            bad("metadata not an object", edit("{\"epoch\":\"3\"}", "\"3\""),
                    "__metadata__ must be an object of string values, found the string \"3\""),
            bad("tensor entry not an object", edit("{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}", "[0,16]"),
                    "tensor 'n' must be an object with dtype, shape and data_offsets, found an array"),
            bad("unknown field", edit("\"shape\":[3],", "\"shape\":[3],\"extra\":1,"),
                    "tensor 'b' has unknown field \"extra\""),
            bad("BOOL byte that is not 0 or 1", badBool, "tensor 'm' element 0 is the byte 2, not a BOOL (0 or 1)"),
            bad("deeply nested header", file(deep, new byte[0]), "nesting deeper than 64 levels"));
    }

    /** Reads {@code bytes} from a file and returns the exception, failing on success or any other throwable. */
    CheckpointException rejected(byte[] bytes) throws IOException {
        Path f = dir.resolve("corrupt.safetensors");
        Files.write(f, bytes);
        Throwable thrown = null;
        try {
            SafeTensors.read(f);
        } catch (Throwable t) {
            thrown = t;
        }
        assertNotNull(thrown, "a corrupt file was accepted");
        if (!(thrown instanceof CheckpointException e)) {
            throw new AssertionError("expected a CheckpointException, got " + thrown, thrown);
        }
        assertTrue(e.getMessage().startsWith(f + ": "), "message does not name the file: " + e.getMessage());
        assertEquals(f, e.file());
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void corruptFileIsRejectedWithAClearMessage(String name, byte[] bytes, String expected) throws IOException {
        CheckpointException e = rejected(bytes);
        assertTrue(e.getMessage().contains(expected), name + ": expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void baseFileIsValidAndIdenticalToWhatTheWriterProduces() throws IOException {
        Path f = dir.resolve("base.safetensors");
        Files.write(f, valid());
        SafeTensors.Contents c = SafeTensors.read(f);
        assertEquals(List.of("n", "w", "b", "m"), List.copyOf(c.tensors().keySet()));
        assertEquals(Map.of("epoch", "3"), c.metadata());
        Path again = dir.resolve("again.safetensors");
        Map<String, dev.sinapsis.tensor.Tensor> copy = new LinkedHashMap<>(c.tensors());
        SafeTensors.write(again, copy, c.metadata());
        org.junit.jupiter.api.Assertions.assertArrayEquals(valid(), Files.readAllBytes(again));
    }

    @Test
    void everyTruncationIsRejected() throws IOException {
        byte[] valid = valid();
        for (int length = 0; length < valid.length; length++) {
            String m = rejected(Arrays.copyOf(valid, length)).getMessage();
            assertTrue(m.contains("too short") || m.contains("exceeds the file")
                    || m.contains("but the data section has only"), "length " + length + ": " + m);
        }
    }

    @Test
    void everyInvertedHeaderByteIsRejected() throws IOException {
        byte[] valid = valid();
        int headerEnd = 8 + (int) ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        for (int i = 0; i < headerEnd; i++) {
            byte[] f = valid.clone();
            f[i] ^= (byte) 0xff; // in the prefix: absurd or too long length; in the JSON: never valid UTF-8
            String message = rejected(f).getMessage();
            assertTrue(i < 8 ? message.contains("header length") : message.contains("header is not valid UTF-8"),
                    "byte " + i + ": " + message);
        }
    }

    @Test
    void singleBitFlipsAnywhereNeverEscapeAsOtherErrors() throws IOException {
        byte[] valid = valid();
        Path f = dir.resolve("flipped.safetensors");
        int accepted = 0;
        for (int i = 0; i < valid.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] b = valid.clone();
                b[i] ^= (byte) (1 << bit);
                Files.write(f, b);
                try {
                    SafeTensors.read(f);
                    accepted++; // e.g. a flipped name letter or data bit: still a well-formed file
                } catch (CheckpointException e) {
                    assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
                }
            }
        }
        assertTrue(accepted < valid.length * 8, "some flips must be detected");
    }
}
