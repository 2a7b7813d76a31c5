package dev.sinapsis.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reader of the IDX format of the MNIST files (plain or gzipped, recognised by content): a
 * big-endian header of magic {@code 0x0000TTNN} (type TT = 0x08 unsigned byte, NN dimensions),
 * NN dimension sizes, then the data. Every header field and the file length are checked.
 *
 * <p>The file is streamed: the header is read and checked first, then exactly the payload it
 * declares, so neither a huge plain file nor a gzip bomb (a small file that inflates to gigabytes)
 * is ever read further than one byte past what its header allows, and the payload is allocated
 * only once it is known to fit in the heap.
 */
public final class Idx {
    /** Largest IDX payload accepted (1 GiB): a header claiming more is corrupt. */
    private static final long MAX_BYTES = 1L << 30;

    private Idx() {
    }

    /**
     * A parsed unsigned-byte IDX file.
     *
     * @param dims the dimensions from the header
     * @param data the payload, {@code product(dims)} bytes
     */
    public record Array(int[] dims, byte[] data) {
        /** Number of entries along the first dimension. */
        public int count() {
            return dims[0];
        }
    }

    /**
     * Reads an unsigned-byte IDX file with {@code expectedRank} dimensions.
     *
     * @throws DatasetException if the file is missing, unreadable, not gzip data although it starts
     *     like it, or not an IDX file of that rank whose length matches its header; the message
     *     starts with the file
     */
    public static Array read(Path file, int expectedRank) {
        String name = file.toString();
        boolean gzip = false;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            gzip = raw.read() == 0x1F && raw.read() == 0x8B;
            raw.reset();
            long plainSize = gzip ? -1 : Files.size(file);
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            return parse(name, in, expectedRank, plainSize);
        } catch (NoSuchFileException e) {
            throw new DatasetException(name + ": no such file", e);
        } catch (IOException e) {
            throw new DatasetException(name + (gzip ? ": corrupt gzip data (" : ": cannot read (") + e.getMessage()
                    + ")", e);
        }
    }

    /** Reads the header, checks it, then reads exactly the payload it declares. */
    private static Array parse(String name, InputStream in, int expectedRank, long plainSize) throws IOException {
        byte[] magicBytes = in.readNBytes(4);
        if (magicBytes.length < 4) {
            throw new DatasetException(name + ": " + magicBytes.length + " bytes is too short for an IDX header");
        }
        int magic = ByteBuffer.wrap(magicBytes).getInt();
        int type = (magic >>> 8) & 0xFF;
        int rank = magic & 0xFF;
        if ((magic >>> 16) != 0 || type != 0x08) {
            throw new DatasetException(String.format("%s: bad IDX magic number 0x%08X (expected 0x%08X for "
                    + "unsigned bytes in %d dimensions); is this an MNIST file?", name, magic, 0x0800 | expectedRank,
                    expectedRank));
        }
        if (rank != expectedRank) {
            throw new DatasetException(name + ": IDX file has " + rank + " dimensions, expected " + expectedRank
                    + (expectedRank == 3 ? " (an images file)" : " (a labels file)"));
        }
        byte[] dimBytes = in.readNBytes(4 * rank);
        if (dimBytes.length < 4 * rank) {
            throw new DatasetException(name + ": truncated IDX header (" + (4 + dimBytes.length) + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.wrap(dimBytes);
        int[] dims = new int[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = buf.getInt();
            if (dims[i] < 0) {
                throw new DatasetException(name + ": dimension " + i + " is negative (" + dims[i] + ")");
            }
            total *= dims[i];
            if (total > MAX_BYTES) {
                throw new DatasetException(name + ": header claims more than " + MAX_BYTES + " bytes of data");
            }
        }
        long expected = 4L + 4L * rank + total;
        if (plainSize >= 0 && plainSize != expected) {
            throw lengthMismatch(name, "file is " + plainSize + " bytes", plainSize < expected, dims, expected);
        }
        // gzip data may end long before the size its header claims: grow with what arrives
        byte[] data = HostArrays.read(name, in, total);
        int n = data.length;
        if (n < total) {
            throw lengthMismatch(name, (plainSize >= 0 ? "file is " : "data decompresses to ") + (4L + 4L * rank + n)
                    + " bytes", true, dims, expected);
        }
        if (in.read() >= 0) {
            throw lengthMismatch(name, (plainSize >= 0 ? "file is" : "data decompresses to") + " more than "
                    + expected + " bytes", false, dims, expected);
        }
        return new Array(dims, data);
    }

    private static DatasetException lengthMismatch(String name, String actual, boolean truncated, int[] dims,
                                                   long expected) {
        return new DatasetException(name + ": " + actual + " but its header " + Arrays.toString(dims) + " needs "
                + expected + (truncated ? " (truncated)" : " (trailing data)"));
    }
}
