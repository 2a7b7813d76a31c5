package dev.sinapsis.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files much larger than their IDX header allows: a gzip bomb and a huge sparse plain file end in a
 * {@link DatasetException} naming the file, quickly and without running out of memory.
 */
class IdxHostileInputTest {
    @TempDir
    Path dir;

    /** A labels header for {@code n} labels. */
    private static byte[] labelsHeader(int n) {
        return ByteBuffer.allocate(8).putInt(0x0801).putInt(n).array();
    }

    /** One gzip member holding {@code prefix} then {@code zeros} zero bytes. */
    private static byte[] gzipMember(byte[] prefix, int zeros) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 1 << 16)) {
            gz.write(prefix);
            byte[] block = new byte[1 << 20];
            for (int left = zeros; left > 0; left -= block.length) {
                gz.write(block, 0, Math.min(left, block.length));
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void gzipBombEndsInADatasetExceptionNotOutOfMemory() throws IOException {
        // 48 concatenated gzip members of 64 MiB of zeros: about 3 MB on disk, 3 GiB inflated
        Path bomb = dir.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] zeros = gzipMember(new byte[0], 64 << 20);
        try (OutputStream out = Files.newOutputStream(bomb)) {
            out.write(gzipMember(labelsHeader(10), 0));
            for (int i = 0; i < 48; i++) {
                out.write(zeros);
            }
        }
        assertTrue(Files.size(bomb) < 8 << 20, "the bomb is small on disk");
        DatasetException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(DatasetException.class, () -> Idx.read(bomb, 1)));
        assertTrue(e.getMessage().startsWith(bomb.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("trailing data") && e.getMessage().contains("[10]"), e.getMessage());
    }

    @Test
    void hugePlainFileIsRejectedByItsLengthWithoutBeingRead() throws IOException {
        Path huge = dir.resolve("train-labels-idx1-ubyte");
        Files.write(huge, labelsHeader(10));
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: 3 GiB that take no disk space
        }
        DatasetException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(DatasetException.class, () -> Idx.read(huge, 1)));
        assertTrue(e.getMessage().startsWith(huge.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("file is " + (3L << 30) + " bytes") && e.getMessage().contains("trailing"),
                e.getMessage());
    }

    @Test
    void gzipThatInflatesToLessThanTheHeaderNeedsIsTruncated() throws IOException {
        Path shortGz = dir.resolve("short.gz");
        Files.write(shortGz, gzipMember(labelsHeader(1000), 10));
        DatasetException e = assertThrows(DatasetException.class, () -> Idx.read(shortGz, 1));
        assertEquals(shortGz + ": data decompresses to 18 bytes but its header [1000] needs 1008 (truncated)",
                e.getMessage());
    }
}
