package dev.sinapsis.io;

import dev.sinapsis.spi.TensorInternals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.conformance.BackendTestBase;
import dev.sinapsis.golden.Golden;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safetensors on the backend under test: exact round trips of every dtype (scalars, empty and
 * non-contiguous tensors, special values), the byte layout the reference implementation writes,
 * a file written by PyTorch per the spec (core/src/test/resources/io/make_safetensors.py), and
 * atomic replacement when a write fails.
 */
public abstract class SafeTensorsContract extends BackendTestBase {
    @TempDir
    Path dir;

    /** The elements as the host array of the tensor's own dtype (no conversion). */
    static Object host(Tensor t) {
        return t.backend().download(TensorInternals.view(t));
    }

    static void assertSameTensor(String name, Tensor expected, Tensor actual) {
        assertEquals(expected.dtype(), actual.dtype(), name + " dtype");
        assertEquals(expected.shape(), actual.shape(), name + " shape");
        // Arrays.deepEquals compares floats by bits: -0.0 != 0.0, NaN == NaN
        assertTrue(java.util.Arrays.deepEquals(new Object[] {host(expected)}, new Object[] {host(actual)}),
                name + ": " + expected + " vs " + actual);
    }

    private static Tensor scalar(Object oneElementArray) {
        Tensor flat = switch (DType.ofHostArray(oneElementArray)) {
            case F32 -> Tensor.of((float[]) oneElementArray);
            case F64 -> Tensor.of((double[]) oneElementArray);
            case I32 -> Tensor.of((int[]) oneElementArray);
            case I64 -> Tensor.of((long[]) oneElementArray);
            case BOOL -> Tensor.of((boolean[]) oneElementArray);
        };
        return flat.reshape();
    }

    static Map<String, Tensor> everyDtype() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("bool", Tensor.of(new boolean[] {true, false, true}));
        m.put("f32", Tensor.of(new float[] {1.5f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.MIN_VALUE,
            -Float.MAX_VALUE}, 2, 3));
        m.put("f64", Tensor.of(new double[] {Math.PI, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
            1e308}, 3, 1, 2));
        m.put("i32", Tensor.of(new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}, 2, 2));
        m.put("i64", Tensor.of(new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE, (1L << 53) + 1}));
        m.put("scalar.f32", scalar(new float[] {-2.75f}));
        m.put("scalar.f64", scalar(new double[] {1e-300}));
        m.put("scalar.i32", scalar(new int[] {-5}));
        m.put("scalar.i64", scalar(new long[] {Long.MIN_VALUE + 1}));
        m.put("scalar.bool", scalar(new boolean[] {true}));
        for (DType d : DType.values()) {
            m.put("empty." + d, Tensor.zeros(Shape.of(0), d));
            m.put("empty3d." + d, Tensor.zeros(Shape.of(2, 0, 3), d));
        }
        // a transposed view: written in row-major order of its own shape
        m.put("transposed", Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3).t());
        m.put("unicode näme ✓ \"quoted\"", Tensor.of(new int[] {42}));
        return m;
    }

    @Test
    void roundTripOfEveryDtypeIsExact() throws IOException {
        Map<String, Tensor> tensors = everyDtype();
        Map<String, String> meta = Map.of("note", "émoji 😀 \"q\" \\ \n", "empty", "");
        Path f = dir.resolve("all.safetensors");
        SafeTensors.write(f, tensors, meta);
        SafeTensors.Contents c = SafeTensors.read(f);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(c.tensors().keySet()), "header order is map order");
        tensors.forEach((name, t) -> assertSameTensor(name, t, c.get(name)));
        tensors.forEach((name, t) -> assertSame(backend(), c.get(name).backend(), name + " on the current backend"));
        assertEquals(meta, c.metadata());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, c.get("transposed").toFloatArray());
        assertEquals(Shape.SCALAR, c.get("scalar.i64").shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.get("nope"));
        assertTrue(e.getMessage().contains("no tensor 'nope'"), e.getMessage());
    }

    @Test
    void bytesInMemoryAreTheFileBytes() throws IOException {
        Map<String, Tensor> tensors = everyDtype();
        Map<String, String> meta = Map.of("step", "3");
        Path f = dir.resolve("same.safetensors");
        SafeTensors.write(f, tensors, meta);
        byte[] bytes = SafeTensors.toBytes(tensors, meta);
        assertArrayEquals(Files.readAllBytes(f), bytes, "toBytes writes what write puts in a file");
        SafeTensors.Contents c = SafeTensors.fromBytes(bytes);
        tensors.forEach((name, t) -> assertSameTensor(name, t, c.get(name)));
        assertEquals(meta, c.metadata());
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> SafeTensors.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 1)));
        assertTrue(e.getMessage().contains("(in memory)"), e.getMessage());
    }

    @Test
    void largeTensorsCrossTheOneMegabyteChunks() throws IOException {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("f32", Tensor.arange(0, 700_001, 1, DType.F32).mul(0.5)); // 2.8 MB: 3 chunks, the last partial
        m.put("i64", Tensor.arange(-150_000, 150_000, 1, DType.I64).mul(1L << 33)); // 2.4 MB
        m.put("bool", Tensor.arange(0, 2_500_000, 1, DType.I32).gt(1_249_999)); // 2.5 MB of BOOL
        Path f = dir.resolve("large.safetensors");
        SafeTensors.write(f, m, null);
        long headerLength;
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f)) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(b);
            headerLength = b.getLong(0);
        }
        assertEquals(2_800_004 + 2_400_000 + 2_500_000, Files.size(f) - 8 - headerLength, "data section size");
        SafeTensors.Contents c = SafeTensors.read(f);
        m.forEach((name, t) -> assertSameTensor(name, t, c.get(name)));
    }

    @Test
    void emptyFileHasAnEmptyHeaderAndNoMetadata() throws IOException {
        Path f = dir.resolve("empty.safetensors");
        SafeTensors.write(f, Map.of(), null);
        assertArrayEquals(new byte[] {8, 0, 0, 0, 0, 0, 0, 0, '{', '}', ' ', ' ', ' ', ' ', ' ', ' '},
                Files.readAllBytes(f));
        SafeTensors.Contents c = SafeTensors.read(f);
        assertTrue(c.tensors().isEmpty() && c.metadata().isEmpty());
    }

    @Test
    void layoutMatchesTheReferenceWriter() throws IOException {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("flag", Tensor.of(new boolean[] {true, false, true}));
        m.put("d", Tensor.of(new double[] {0.25}));
        m.put("i", Tensor.of(new int[] {-2}));
        Path f = dir.resolve("layout.safetensors");
        SafeTensors.write(f, m, Map.of("k", "v"));
        byte[] bytes = Files.readAllBytes(f);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong();
        // compact JSON, metadata first, tensors in map order, data by decreasing element size (aligned)
        String json = "{\"__metadata__\":{\"k\":\"v\"},"
                + "\"flag\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[12,15]},"
                + "\"d\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"i\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        assertEquals(0, n % 8, "header padded to a multiple of 8");
        assertEquals(json.length() + (8 - json.length() % 8) % 8, n);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertEquals(json, header.stripTrailing());
        assertTrue(header.substring(json.length()).chars().allMatch(ch -> ch == ' '), "padded with spaces");
        b.position(8 + (int) n);
        assertEquals(0.25, b.getDouble());
        assertEquals(-2, b.getInt());
        assertEquals(1, b.get());
        assertEquals(0, b.get());
        assertEquals(1, b.get());
        assertEquals(bytes.length, b.position());
    }

    /** Copies a class-path resource (it may live in a jar) to a file. */
    Path resource(String name) throws IOException {
        Path f = dir.resolve(name.substring(name.lastIndexOf('/') + 1));
        try (InputStream in = SafeTensorsContract.class.getResourceAsStream(name)) {
            assertTrue(in != null, name + " is not on the class path");
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void readsAFileWrittenByPyTorchExactly() throws IOException {
        SafeTensors.Contents c = SafeTensors.read(resource("/io/torch_fixture.safetensors"));
        assertEquals(Map.of("format", "pt", "source", "make_safetensors.py"), c.metadata());
        // header order of the reference writer: dtype descending, then name
        assertEquals(List.of("extra.i64", "extra.f64", "conv.bias", "conv.weight", "extra.empty", "extra.scalar",
                "linear.bias", "linear.weight", "extra.i32", "extra.bf16", "extra.f16", "extra.i16", "extra.i8",
                "extra.u8", "extra.bool"), List.copyOf(c.tensors().keySet()));
        Map<String, DType> dtypes = Map.ofEntries(Map.entry("extra.f64", DType.F64), Map.entry("extra.i32", DType.I32),
                Map.entry("extra.bool", DType.BOOL), Map.entry("extra.i16", DType.I32), Map.entry("extra.i8", DType.I32),
                Map.entry("extra.u8", DType.I32));
        Golden golden = Golden.load("safetensors_fixture.txt");
        for (String name : golden.names()) {
            Tensor t = c.get(name);
            Golden.Entry expected = golden.get(name);
            assertEquals(Shape.of(expected.shape()), t.shape(), name);
            assertEquals(dtypes.getOrDefault(name, DType.F32), t.dtype(), name);
            assertSame(backend(), t.backend());
            // every stored value is exactly representable in the loaded dtype: compare exactly
            assertArrayEquals(expected.values(), t.toDoubleArray(), 0.0, name);
        }
        assertEquals(Shape.of(3, 4), c.get("linear.weight").shape());
        assertEquals(Shape.of(3, 2, 3, 3), c.get("conv.weight").shape());
        assertEquals(DType.I64, c.get("extra.i64").dtype());
        assertArrayEquals(new long[] {-(1L << 62), -1, 0, 1, 1L << 40}, c.get("extra.i64").toLongArray());
        assertArrayEquals(new boolean[] {true, false, false, true, true}, c.get("extra.bool").toBooleanArray());
        // F16 covers a subnormal (2^-24) and the largest finite half (65504)
        assertArrayEquals(new float[] {1, -2.5f, 65504, 0x1p-24f, 0.0999755859375f}, c.get("extra.f16").toFloatArray());
        // what was read (F16/BF16 widened to F32, I8/U8/I16 to I32) writes and reads back unchanged
        Path again = dir.resolve("again.safetensors");
        SafeTensors.write(again, c.tensors(), c.metadata());
        SafeTensors.Contents back = SafeTensors.read(again);
        assertEquals(c.metadata(), back.metadata());
        c.tensors().forEach((name, t) -> assertSameTensor(name, t, back.get(name)));
    }

    @Test
    void halfPrecisionConversionIsExact() {
        assertEquals(0f, FileDType.halfToFloat(0x0000));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(FileDType.halfToFloat(0x8000)));
        assertEquals(1f, FileDType.halfToFloat(0x3c00));
        assertEquals(-2f, FileDType.halfToFloat(0xc000));
        assertEquals(0x1p-14f, FileDType.halfToFloat(0x0400)); // smallest normal
        assertEquals(0x3ffp-24f, FileDType.halfToFloat(0x03ff)); // largest subnormal
        assertEquals(Float.NEGATIVE_INFINITY, FileDType.halfToFloat(0xfc00));
        assertTrue(Float.isNaN(FileDType.halfToFloat(0x7e00)));
    }

    private List<String> filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("model.safetensors");
        SafeTensors.write(f, Map.of("w", Tensor.ones(2)), Map.of("v", "1"));
        byte[] good = Files.readAllBytes(f);
        Tensor closed = Tensor.ones(1000);
        closed.close(); // downloading it throws half-way through the write
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("big", Tensor.zeros(100_000));
        m.put("broken", closed);
        assertThrows(IllegalStateException.class, () -> SafeTensors.write(f, m, null));
        assertArrayEquals(good, Files.readAllBytes(f), "the existing file is untouched");
        assertEquals(List.of("model.safetensors"), filesIn(dir), "no temporary or partial file");
        // a successful overwrite replaces it and leaves nothing else behind either
        SafeTensors.write(f, Map.of("w", Tensor.zeros(3)), null);
        assertEquals(Shape.of(3), SafeTensors.read(f).get("w").shape());
        assertEquals(List.of("model.safetensors"), filesIn(dir));
    }

    @Test
    void failedRenameLeavesNoTemporaryFile() throws IOException {
        Path target = Files.createDirectory(dir.resolve("taken.safetensors"));
        Files.writeString(target.resolve("inside"), "keep");
        assertThrows(IOException.class, () -> SafeTensors.write(target, Map.of("w", Tensor.ones(2)), null));
        assertEquals(List.of("taken.safetensors"), filesIn(dir));
        assertEquals("keep", Files.readString(target.resolve("inside")));
    }

    @Test
    void invalidArgumentsAndMissingDirectoriesCreateNothing() throws IOException {
        assertThrows(NoSuchFileException.class,
                () -> SafeTensors.write(dir.resolve("no/such/dir/x.safetensors"), Map.of("w", Tensor.ones(1)), null));
        Path f = dir.resolve("x.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(f, Map.of("__metadata__", Tensor.ones(1)), null));
        assertTrue(e.getMessage().contains("'__metadata__' is reserved"), e.getMessage());
        Map<String, Tensor> nullTensor = new LinkedHashMap<>();
        nullTensor.put("w", null);
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(f, nullTensor, null));
        e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(f, Map.of("bad \ud800 name", Tensor.ones(1)), null));
        assertTrue(e.getMessage().contains("not valid Unicode"), e.getMessage());
        assertEquals(List.of(), filesIn(dir));
        assertThrows(NoSuchFileException.class, () -> SafeTensors.read(dir.resolve("missing.safetensors")));
    }
}
