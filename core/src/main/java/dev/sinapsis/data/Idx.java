package dev.sinapsis.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reader of the IDX format of the MNIST files (plain or gzipped, recognised by content): a
 * big-endian header of magic {@code 0x0000TTNN} (type TT = 0x08 unsigned byte, NN dimensions),
 * NN dimension sizes, then the data. Every header field and the file length are checked.
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

    /** Reads an unsigned-byte IDX file with {@code expectedRank} dimensions. */
    public static Array read(Path file, int expectedRank) {
        byte[] bytes = load(file);
        String name = file.toString();
        if (bytes.length < 4) {
            throw new DatasetException(name + ": " + bytes.length + " bytes is too short for an IDX header");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int magic = buf.getInt();
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
        if (bytes.length < 4 + 4 * rank) {
            throw new DatasetException(name + ": truncated IDX header (" + bytes.length + " bytes)");
        }
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
        if (bytes.length != expected) {
            throw new DatasetException(name + ": file is " + bytes.length + " bytes but its header "
                    + java.util.Arrays.toString(dims) + " needs " + expected
                    + (bytes.length < expected ? " (truncated)" : " (trailing data)"));
        }
        byte[] data = new byte[(int) total];
        buf.get(data);
        return new Array(dims, data);
    }

    /** The whole file, gunzipped when it starts with the gzip magic. */
    private static byte[] load(Path file) {
        try {
            byte[] raw = Files.readAllBytes(file);
            if (raw.length >= 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B) {
                try (InputStream in = new GZIPInputStream(new BufferedInputStream(
                        new java.io.ByteArrayInputStream(raw)))) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
                    in.transferTo(out);
                    return out.toByteArray();
                } catch (IOException e) {
                    throw new DatasetException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
                }
            }
            return raw;
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": no such file", e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
