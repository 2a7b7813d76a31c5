package dev.sinapsis.data;

/**
 * Allocates the large host arrays a data file asks for, turning a failed allocation into a
 * {@link DatasetException} that names the file and the heap needed instead of an
 * {@link OutOfMemoryError} from deep inside a reader.
 */
final class HostArrays {
    private HostArrays() {
    }

    /** A {@code byte[n]} for the contents of {@code file}. */
    static byte[] bytes(String file, long n) {
        check(file, n, 1);
        try {
            return new byte[(int) n];
        } catch (OutOfMemoryError e) {
            throw tooLarge(file, n, 1, e);
        }
    }

    /** A {@code float[n]} for the contents of {@code file}. */
    static float[] floats(String file, long n) {
        check(file, n, Float.BYTES);
        try {
            return new float[(int) n];
        } catch (OutOfMemoryError e) {
            throw tooLarge(file, n, Float.BYTES, e);
        }
    }

    private static void check(String file, long n, int elementBytes) {
        if (n < 0 || n > Integer.MAX_VALUE - 8 || n * elementBytes > Runtime.getRuntime().maxMemory()) {
            throw tooLarge(file, n, elementBytes, null);
        }
    }

    private static DatasetException tooLarge(String file, long n, int elementBytes, Throwable cause) {
        long mib = 1 << 20;
        return new DatasetException(file + ": needs " + (n * elementBytes + mib - 1) / mib + " MiB of memory, more"
                + " than this JVM can allocate (maximum heap " + Runtime.getRuntime().maxMemory() / mib
                + " MiB); give Java more memory (-Xmx) or use a smaller file", cause);
    }
}
