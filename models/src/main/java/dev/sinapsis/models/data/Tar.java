package dev.sinapsis.models.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal streaming reader of (ustar, GNU and pax) tar archives, enough for npm package
 * tarballs: regular files with their full names, long names from GNU {@code L} entries or pax
 * {@code path} records. Directories, links and other entry types are reported and skipped by
 * the caller.
 */
final class Tar {
    private static final int BLOCK = 512;

    private final InputStream in;
    private long remaining;
    private long padding;

    /** One archive member: its name, size and type flag ({@code '0'} or NUL for a regular file). */
    record Entry(String name, long size, char type) {
        boolean isFile() {
            return type == '0' || type == '\0';
        }
    }

    Tar(InputStream in) {
        this.in = in;
    }

    /** The next entry, or {@code null} at the end of the archive; skips what is left of the current one. */
    Entry next() throws IOException {
        skipRest();
        String longName = null;
        while (true) {
            byte[] header = new byte[BLOCK];
            if (!readBlock(header)) {
                return null;
            }
            if (isZero(header)) {
                return null;
            }
            checkChecksum(header);
            String name = string(header, 0, 100);
            String prefix = string(header, 345, 155);
            boolean ustar = string(header, 257, 6).startsWith("ustar");
            if (ustar && !prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long size = number(header, 124, 12);
            char type = (char) (header[156] & 0xFF);
            if (type == 'L' || type == 'x' || type == 'g') {
                byte[] body = readBody(size);
                if (type == 'L') {
                    longName = trimNul(new String(body, StandardCharsets.UTF_8));
                } else if (type == 'x') {
                    String path = paxPath(body);
                    if (path != null) {
                        longName = path;
                    }
                }
                continue;
            }
            if (longName != null) {
                name = longName;
            }
            remaining = size;
            padding = (BLOCK - size % BLOCK) % BLOCK;
            return new Entry(name, size, type);
        }
    }

    /** The body of the current entry; reads at most its size and never closes the archive. */
    InputStream body() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new EOFException("tar: archive ends inside an entry");
                }
                remaining -= n;
                return n;
            }
        };
    }

    private void skipRest() throws IOException {
        skipFully(remaining + padding);
        remaining = 0;
        padding = 0;
    }

    private byte[] readBody(long size) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("tar: extended header of " + size + " bytes is implausibly large");
        }
        byte[] body = in.readNBytes((int) size);
        if (body.length != size) {
            throw new EOFException("tar: archive ends inside an extended header");
        }
        skipFully((BLOCK - size % BLOCK) % BLOCK);
        return body;
    }

    private void skipFully(long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("tar: archive ends inside an entry");
                }
                skipped = 1;
            }
            n -= skipped;
        }
    }

    private boolean readBlock(byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n != BLOCK) {
            throw new EOFException("tar: archive ends inside a header");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkChecksum(byte[] header) throws IOException {
        long stored = number(header, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xFF;
        }
        if (sum != stored) {
            throw new IOException("tar: header checksum mismatch (not a tar archive, or a corrupt one)");
        }
    }

    private static String string(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static String trimNul(String s) {
        int i = s.indexOf('\0');
        return i < 0 ? s : s.substring(0, i);
    }

    /** Octal (NUL/space terminated) or GNU base-256 numbers. */
    private static long number(byte[] b, int off, int len) throws IOException {
        if ((b[off] & 0x80) != 0) {
            long v = b[off] & 0x7F;
            for (int i = off + 1; i < off + len; i++) {
                v = (v << 8) | (b[i] & 0xFF);
            }
            return v;
        }
        long v = 0;
        boolean any = false;
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xFF;
            if (c == 0 || c == ' ') {
                if (any) {
                    break;
                }
                continue;
            }
            if (c < '0' || c > '7') {
                throw new IOException("tar: bad octal number in header");
            }
            v = v * 8 + (c - '0');
            any = true;
        }
        return v;
    }

    /** The {@code path} record of a pax extended header ("LEN path=VALUE\n" records). */
    private static String paxPath(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        int i = 0;
        while (i < s.length()) {
            int space = s.indexOf(' ', i);
            if (space < 0) {
                break;
            }
            int len;
            try {
                len = Integer.parseInt(s.substring(i, space));
            } catch (NumberFormatException e) {
                break;
            }
            if (len <= 0 || i + len > s.length()) {
                break;
            }
            String record = s.substring(space + 1, i + len - 1);
            if (record.startsWith("path=")) {
                return record.substring(5);
            }
            i += len;
        }
        return null;
    }
}
