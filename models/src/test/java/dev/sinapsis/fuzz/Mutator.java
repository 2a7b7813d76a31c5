package dev.sinapsis.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Seeded structured mutations of a valid file: bit flips, interesting bytes, truncations, inserted,
 * deleted and duplicated bytes, 32- and 64-bit fields overwritten with huge, negative and boundary
 * values, appended garbage, and the format's own field edits given by the target. One to four
 * mutations are stacked per input.
 */
public final class Mutator {
    private static final int[] INTERESTING_BYTES = {0, 1, 0x7F, 0x80, 0xFF, '0', '9', '-', '"', '{', '}', ',', ' '};
    static final long[] INTERESTING_LONGS = {0, 1, -1, 2, 3, 4, 8, 255, 256, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
        Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE + 1L, 0xFFFFFFFFL, 1L << 30, 1L << 31, 1L << 32,
        Long.MAX_VALUE, Long.MIN_VALUE, 100_000_000L, 60000, 1L << 40};

    private final List<BiFunction<byte[], SplittableRandom, byte[]>> fieldEdits;

    /** A mutator that also applies {@code fieldEdits}, format-aware edits of a valid file. */
    public Mutator(List<BiFunction<byte[], SplittableRandom, byte[]>> fieldEdits) {
        this.fieldEdits = fieldEdits;
    }

    /** A mutated copy of {@code seed}. */
    public byte[] mutate(byte[] seed, SplittableRandom r) {
        byte[] b = seed.clone();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            b = once(b, r);
        }
        return b;
    }

    private byte[] once(byte[] b, SplittableRandom r) {
        int op = r.nextInt(fieldEdits.isEmpty() ? 10 : 13);
        if (b.length == 0 && op < 9) {
            return new byte[] {(byte) r.nextInt(256)};
        }
        switch (op) {
            case 0, 1 -> {
                int i = r.nextInt(b.length);
                b[i] ^= (byte) (1 << r.nextInt(8));
            }
            case 2 -> b[r.nextInt(b.length)] = (byte) INTERESTING_BYTES[r.nextInt(INTERESTING_BYTES.length)];
            case 3 -> {
                return Arrays.copyOf(b, r.nextInt(b.length));
            }
            case 4 -> {
                int at = r.nextInt(b.length + 1);
                byte[] ins = new byte[1 + r.nextInt(16)];
                r.nextBytes(ins);
                return splice(b, at, at, ins);
            }
            case 5 -> {
                int at = r.nextInt(b.length);
                return splice(b, at, Math.min(b.length, at + 1 + r.nextInt(32)), new byte[0]);
            }
            case 6 -> {
                int at = r.nextInt(b.length);
                int end = Math.min(b.length, at + 1 + r.nextInt(64));
                return splice(b, at, at, Arrays.copyOfRange(b, at, end));
            }
            case 7 -> overwrite(b, r, 4);
            case 8 -> overwrite(b, r, 8);
            case 9 -> {
                byte[] tail = new byte[1 + r.nextInt(r.nextBoolean() ? 8 : 4096)];
                if (r.nextBoolean()) {
                    r.nextBytes(tail);
                }
                return splice(b, b.length, b.length, tail);
            }
            default -> {
                return fieldEdits.get(r.nextInt(fieldEdits.size())).apply(b, r);
            }
        }
        return b;
    }

    /** An interesting 64-bit value, sometimes nudged by one. */
    public static long interesting(SplittableRandom r) {
        long v = INTERESTING_LONGS[r.nextInt(INTERESTING_LONGS.length)];
        return switch (r.nextInt(4)) {
            case 0 -> v - 1;
            case 1 -> v + 1;
            default -> v;
        };
    }

    private static void overwrite(byte[] b, SplittableRandom r, int width) {
        if (b.length < width) {
            return;
        }
        int at = r.nextInt(b.length - width + 1);
        ByteBuffer buf = ByteBuffer.wrap(b, at, width).order(r.nextBoolean() ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN);
        long v = interesting(r);
        if (width == 4) {
            buf.putInt((int) v);
        } else {
            buf.putLong(v);
        }
    }

    /** {@code b} with {@code [from, to)} replaced by {@code with}. */
    public static byte[] splice(byte[] b, int from, int to, byte[] with) {
        byte[] out = new byte[b.length - (to - from) + with.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(with, 0, out, from, with.length);
        System.arraycopy(b, to, out, from + with.length, b.length - to);
        return out;
    }
}
