package dev.sinapsis.io;

import dev.sinapsis.tensor.Shape;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated JSON header of a safetensors file: metadata and one {@link Entry} per tensor, in
 * header order. {@link #parse} checks everything the format requires before a single data byte is
 * read or a tensor allocated, so a lying header can never cause a huge allocation.
 */
record Header(Map<String, String> metadata, List<Entry> entries) {
    static final String METADATA_KEY = "__metadata__";
    private static final Set<String> FIELDS = Set.of("dtype", "shape", "data_offsets");

    /** One tensor: its dtype in the file, shape and byte range {@code [begin, end)} in the data section. */
    record Entry(String name, FileDType dtype, int[] shape, long begin, long end) {
        int numel() {
            return Shape.of(shape).numel();
        }
    }

    /** A header problem; the message says what is wrong without the file name. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /**
     * Parses and validates a header against a data section of {@code dataSize} bytes: known dtypes,
     * valid shapes, offsets {@code [begin, end]} within the data whose length matches the shape, and
     * regions that tile the data section exactly (no overlap, no gap, nothing after the last).
     */
    static Header parse(String json, long dataSize) throws Invalid {
        if (!json.startsWith("{")) {
            throw new Invalid("header must start with '{' (a JSON object), found "
                    + (json.isEmpty() ? "nothing" : json.charAt(0) >= 0x20 && json.charAt(0) < 0x7f
                    ? "'" + json.charAt(0) + "'" : String.format("U+%04X", json.codePointAt(0))));
        }
        Object root;
        try {
            root = Json.parse(json);
        } catch (Json.JsonException e) {
            throw new Invalid("header is not valid JSON: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new Invalid("header must be a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : top.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA_KEY)) {
                metadata = metadata(e.getValue());
            } else {
                entries.add(entry(name, e.getValue(), dataSize));
            }
        }
        checkTiling(entries, dataSize);
        return new Header(metadata, entries);
    }

    private static Map<String, String> metadata(Object value) throws Invalid {
        if (!(value instanceof Map<?, ?> map)) {
            throw new Invalid(METADATA_KEY + " must be an object of string values, found " + kind(value));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new Invalid(METADATA_KEY + " value of '" + e.getKey() + "' must be a string, found "
                        + kind(e.getValue()));
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    private static Entry entry(String name, Object value, long dataSize) throws Invalid {
        String what = "tensor '" + name + "'";
        if (!(value instanceof Map<?, ?> info)) {
            throw new Invalid(what + " must be an object with dtype, shape and data_offsets, found " + kind(value));
        }
        for (String field : List.of("dtype", "shape", "data_offsets")) {
            if (!info.containsKey(field)) {
                throw new Invalid(what + " is missing \"" + field + "\"");
            }
        }
        for (Object field : info.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new Invalid(what + " has unknown field \"" + field + "\"");
            }
        }
        if (!(info.get("dtype") instanceof String dtypeName)) {
            throw new Invalid(what + ": dtype must be a string, found " + kind(info.get("dtype")));
        }
        FileDType dtype = FileDType.parse(dtypeName);
        if (dtype == null) {
            throw new Invalid(what + " has unsupported dtype '" + dtypeName + "'; readable dtypes are "
                    + Arrays.toString(FileDType.values()));
        }
        int[] shape = shape(what, info.get("shape"));
        long[] offsets = offsets(what, info.get("data_offsets"));
        long begin = offsets[0];
        long end = offsets[1];
        if (end > dataSize) {
            throw new Invalid(what + " claims bytes [" + begin + ", " + end + ") but the data section has only "
                    + dataSize + " bytes");
        }
        long expected = (long) Shape.of(shape).numel() * dtype.size;
        if (end - begin != expected) {
            throw new Invalid(what + " claims bytes [" + begin + ", " + end + ") but has shape "
                    + Shape.of(shape) + " of " + dtype + " = " + expected + " bytes");
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static int[] shape(String what, Object value) throws Invalid {
        if (!(value instanceof List<?> list)) {
            throw new Invalid(what + ": shape must be an array of non-negative integers, found " + kind(value));
        }
        int[] dims = new int[list.size()];
        long numel = 1;
        for (int i = 0; i < dims.length; i++) {
            Object d = list.get(i);
            if (!(d instanceof BigInteger b) || b.signum() < 0 || b.bitLength() > 31) {
                throw new Invalid(what + ": shape must be an array of non-negative integers below 2^31, but "
                        + "dimension " + i + " is " + (d instanceof Number ? d : kind(d)));
            }
            dims[i] = b.intValue();
            numel *= dims[i];
            if (numel > Integer.MAX_VALUE) {
                throw new Invalid(what + ": shape " + json(list) + " has more than 2^31-1 elements");
            }
        }
        return dims;
    }

    private static long[] offsets(String what, Object value) throws Invalid {
        String problem = what + ": data_offsets must be [begin, end] with integers 0 <= begin <= end, found ";
        if (!(value instanceof List<?> list) || list.size() != 2) {
            throw new Invalid(problem + (value instanceof List<?> ? json(value) : kind(value)));
        }
        long[] out = new long[2];
        for (int i = 0; i < 2; i++) {
            if (!(list.get(i) instanceof BigInteger b) || b.signum() < 0 || b.bitLength() > 63) {
                throw new Invalid(problem + json(list));
            }
            out[i] = b.longValue();
        }
        if (out[0] > out[1]) {
            throw new Invalid(problem + json(list));
        }
        return out;
    }

    /** The regions, sorted by offset, must cover {@code [0, dataSize)} exactly once. */
    private static void checkTiling(List<Entry> entries, long dataSize) throws Invalid {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin() < covered) {
                throw new Invalid("tensors '" + previous.name() + "' [" + previous.begin() + ", " + previous.end()
                        + ") and '" + e.name() + "' [" + e.begin() + ", " + e.end() + ") overlap");
            }
            if (e.begin() > covered) {
                throw new Invalid("bytes [" + covered + ", " + e.begin() + ") of the data section belong to no tensor"
                        + " (gap before tensor '" + e.name() + "')");
            }
            covered = e.end();
            if (e.end() > e.begin() || previous == null) {
                previous = e;
            }
        }
        if (covered != dataSize) {
            throw new Invalid((dataSize - covered) + " trailing bytes after the last tensor: the data section has "
                    + dataSize + " bytes but the tensors end at " + covered);
        }
    }

    private static String json(Object v) {
        return Json.write(new StringBuilder(), v).toString();
    }

    private static String kind(Object v) {
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof List<?>) {
            return "an array";
        }
        if (v instanceof String s) {
            return "the string \"" + s + "\"";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        return v == Json.NULL ? "null" : "the number " + v;
    }
}
