package dev.sinapsis.models.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the hostile package tarballs kept under {@code src/test/resources/.../data/crafted/}:
 * each one broke the hand-written tar reader with an exception the fetcher did not catch.
 * {@link #main} rewrites the files; {@code FetcherHostileTarballTest} checks they are up to date.
 *
 * <pre>{@code
 * java -cp models/target/test-classes dev.sinapsis.models.data.CraftedTarballs models/src/test/resources/dev/sinapsis/models/data/crafted
 * }</pre>
 */
final class CraftedTarballs {
    /** The resource folder of the committed files. */
    static final String RESOURCES = "/dev/sinapsis/models/data/crafted/";

    private CraftedTarballs() {
    }

    /** File name to gzipped tarball. */
    static Map<String, byte[]> all() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        byte[] body = "first file\n".getBytes(StandardCharsets.UTF_8);
        // a regular file whose size is a negative GNU base-256 number
        m.put("negative-gnu-size.tgz", gzip(header("package/data/a.txt", '0', negative(12)), pad(body), end()));
        // a pax extended header whose own size is a negative base-256 number
        m.put("negative-pax-length.tgz", gzip(header("PaxHeader/a", 'x', negative(12)), file("package/data/a.txt", body),
                end()));
        // a pax record "1 x": its length (1) is shorter than the record itself
        byte[] pax = "1 x".getBytes(StandardCharsets.US_ASCII);
        m.put("malformed-pax-record.tgz", gzip(header("PaxHeader/a", 'x', octal(pax.length)), pad(pax),
                file("package/data/a.txt", body), end()));
        // a pax record whose length runs past the end of the header body
        byte[] paxLong = "99 path=package/data/a.txt\n".getBytes(StandardCharsets.US_ASCII);
        m.put("pax-record-past-end.tgz", gzip(header("PaxHeader/a", 'x', octal(paxLong.length)), pad(paxLong),
                file("package/data/a.txt", body), end()));
        // a GNU long name whose size is negative
        m.put("negative-gnu-longname.tgz", gzip(header("././@LongLink", 'L', negative(12)),
                file("package/data/a.txt", body), end()));
        // a regular file whose size is a huge positive base-256 number (2^62 bytes)
        m.put("huge-size.tgz", gzip(header("package/data/a.txt", '0', base256(1L << 62)), pad(body), end()));
        // an archive cut off inside the body of the file
        byte[] whole = concat(file("package/data/a.txt", new byte[2000]));
        m.put("truncated.tgz", gzip(Arrays.copyOf(whole, 1000)));
        // a header whose checksum does not match
        byte[] bad = header("package/data/a.txt", '0', octal(body.length));
        bad[0] ^= 1;
        m.put("bad-checksum.tgz", gzip(bad, pad(body), end()));
        // gzip data that stops in the middle
        byte[] full = gzip(file("package/data/a.txt", body), end());
        m.put("truncated-gzip.tgz", Arrays.copyOf(full, full.length / 2));
        return m;
    }

    /** Writes every file into the directory {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : all().entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
    }

    /** A header and padded body of a regular file. */
    private static byte[] file(String name, byte[] body) {
        return concat(header(name, '0', octal(body.length)), pad(body));
    }

    /** A ustar header with the 12-byte size field {@code size} and a valid checksum. */
    static byte[] header(String name, char type, byte[] size) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        System.arraycopy(size, 0, h, 124, 12);
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static byte[] octal(long size) {
        return String.format("%011o", size).concat("\0").getBytes(StandardCharsets.US_ASCII);
    }

    /** GNU base-256: the high bit of the first byte set, then a two's-complement big-endian number. */
    private static byte[] base256(long value) {
        byte[] f = new byte[12];
        Arrays.fill(f, value < 0 ? (byte) 0xFF : 0);
        for (int i = 0; i < 8; i++) {
            f[11 - i] = (byte) (value >>> (8 * i));
        }
        f[0] |= (byte) 0x80;
        return f;
    }

    private static byte[] negative(long magnitude) {
        return base256(-magnitude);
    }

    private static byte[] pad(byte[] body) {
        return Arrays.copyOf(body, (body.length + 511) / 512 * 512);
    }

    private static byte[] end() {
        return new byte[1024];
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(concat(parts));
        }
        return out.toByteArray();
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
