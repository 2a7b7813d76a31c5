package dev.sinapsis.io;

import dev.sinapsis.tensor.DType;
import java.nio.ByteBuffer;

/**
 * The element types a safetensors file may declare that Sinapsis reads, with their size in the file
 * and the {@link DType} they load as. F16 and BF16 widen exactly to F32; I8, U8, I16 and U16 widen
 * exactly to I32. Only the five native dtypes are ever written.
 */
enum FileDType {
    F64(8, DType.F64),
    F32(4, DType.F32),
    F16(2, DType.F32),
    BF16(2, DType.F32),
    I64(8, DType.I64),
    I32(4, DType.I32),
    I16(2, DType.I32),
    U16(2, DType.I32),
    I8(1, DType.I32),
    U8(1, DType.I32),
    BOOL(1, DType.BOOL);

    final int size;
    final DType target;

    FileDType(int size, DType target) {
        this.size = size;
        this.target = target;
    }

    /** The file dtype a Sinapsis dtype is written as. */
    static FileDType of(DType dtype) {
        return valueOf(dtype.name());
    }

    /** The dtype called {@code name} in a header, or null when Sinapsis cannot read it. */
    static FileDType parse(String name) {
        for (FileDType d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /**
     * Decodes {@code count} little-endian elements from {@code buf} into {@code array} (of the host
     * type of {@link #target}) starting at {@code offset}.
     *
     * @return -1, or the index (relative to {@code offset}) of a BOOL byte that is neither 0 nor 1
     */
    int decode(ByteBuffer buf, Object array, int offset, int count) {
        switch (this) {
            case F64 -> buf.asDoubleBuffer().get((double[]) array, offset, count);
            case F32 -> buf.asFloatBuffer().get((float[]) array, offset, count);
            case I64 -> buf.asLongBuffer().get((long[]) array, offset, count);
            case I32 -> buf.asIntBuffer().get((int[]) array, offset, count);
            case F16, BF16 -> {
                float[] a = (float[]) array;
                for (int i = 0; i < count; i++) {
                    int bits = buf.getShort(buf.position() + 2 * i) & 0xffff;
                    a[offset + i] = this == BF16 ? Float.intBitsToFloat(bits << 16) : halfToFloat(bits);
                }
            }
            case I16, U16 -> {
                int[] a = (int[]) array;
                for (int i = 0; i < count; i++) {
                    short s = buf.getShort(buf.position() + 2 * i);
                    a[offset + i] = this == I16 ? s : s & 0xffff;
                }
            }
            case I8, U8 -> {
                int[] a = (int[]) array;
                for (int i = 0; i < count; i++) {
                    byte b = buf.get(buf.position() + i);
                    a[offset + i] = this == I8 ? b : b & 0xff;
                }
            }
            case BOOL -> {
                boolean[] a = (boolean[]) array;
                for (int i = 0; i < count; i++) {
                    byte b = buf.get(buf.position() + i);
                    if (b != 0 && b != 1) {
                        return i;
                    }
                    a[offset + i] = b == 1;
                }
            }
        }
        buf.position(buf.position() + count * size);
        return -1;
    }

    /** Encodes {@code count} elements of a native host array as little-endian bytes into {@code buf}. */
    void encode(Object array, int offset, int count, ByteBuffer buf) {
        switch (this) {
            case F64 -> buf.asDoubleBuffer().put((double[]) array, offset, count);
            case F32 -> buf.asFloatBuffer().put((float[]) array, offset, count);
            case I64 -> buf.asLongBuffer().put((long[]) array, offset, count);
            case I32 -> buf.asIntBuffer().put((int[]) array, offset, count);
            case BOOL -> {
                boolean[] a = (boolean[]) array;
                for (int i = 0; i < count; i++) {
                    buf.put(buf.position() + i, a[offset + i] ? (byte) 1 : (byte) 0);
                }
            }
            default -> throw new IllegalStateException(this + " is read-only");
        }
        buf.position(buf.position() + count * size);
    }

    /** IEEE 754 binary16 to float, exactly (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(int bits) {
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        float v;
        if (exp == 0) {
            v = mant * 0x1p-24f; // zero or subnormal
        } else if (exp == 31) {
            v = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            v = Float.intBitsToFloat(((exp - 15 + 127) << 23) | (mant << 13));
        }
        return (bits & 0x8000) != 0 ? -v : v;
    }
}
