package dev.sinapsis.golden;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads golden fixtures exported from PyTorch by the scripts in {@code core/src/test/resources/golden/}
 * (see {@code golden.py} there). A fixture is a text file of records:
 * <pre>
 * tensor NAME D0,D1,...      (or "tensor NAME scalar")
 * v0 v1 v2 ...               (float64 values, row-major, on one line)
 * </pre>
 * Lines starting with {@code #} are comments.
 */
public final class Golden {
    private final String resource;
    private final Map<String, Entry> entries;

    private Golden(String resource, Map<String, Entry> entries) {
        this.resource = resource;
        this.entries = entries;
    }

    /** One stored array. */
    public record Entry(int[] shape, double[] values) {
        /** The values as a tensor of the given dtype on the current backend. */
        public Tensor tensor(DType dtype) {
            Tensor t = Tensor.of(values, shape.length == 0 ? new int[] {} : shape);
            if (shape.length == 0) {
                t = t.reshape();
            }
            return t.to(dtype);
        }
    }

    /** Loads {@code /golden/NAME} from the test class path. */
    public static Golden load(String name) {
        String resource = "/golden/" + name;
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("golden fixture " + resource + " is not on the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, Entry> map = new LinkedHashMap<>();
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] head = line.split("\\s+");
                if (head.length != 3 || !head[0].equals("tensor")) {
                    throw new IllegalArgumentException(resource + ": bad header line: " + line);
                }
                int[] shape = head[2].equals("scalar") ? new int[0] : parseShape(head[2]);
                String data = r.readLine();
                if (data == null) {
                    throw new IllegalArgumentException(resource + ": tensor " + head[1] + " has no data line");
                }
                String[] parts = data.strip().isEmpty() ? new String[0] : data.strip().split("\\s+");
                double[] values = new double[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    values[i] = Double.parseDouble(parts[i]);
                }
                long expected = 1;
                for (int d : shape) {
                    expected *= d;
                }
                if (expected != values.length) {
                    throw new IllegalArgumentException(resource + ": tensor " + head[1] + " has " + values.length
                            + " values for shape " + head[2]);
                }
                map.put(head[1], new Entry(shape, values));
            }
            return new Golden(resource, map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] parseShape(String s) {
        String[] p = s.split(",");
        int[] d = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = Integer.parseInt(p[i]);
        }
        return d;
    }

    /** The entry called {@code name}, or an error listing what the fixture holds. */
    public Entry get(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException(resource + " has no tensor '" + name + "'; it has " + entries.keySet());
        }
        return e;
    }

    /** The entry as a tensor of {@code dtype}. */
    public Tensor tensor(String name, DType dtype) {
        return get(name).tensor(dtype);
    }

    /** Names in file order. */
    public java.util.Set<String> names() {
        return entries.keySet();
    }
}
