package dev.sinapsis.data;

import java.io.IOException;
import java.io.InputStream;

/**
 * Allocates the large host arrays a data file asks for, turning a failed allocation into a
 * {@link DatasetException} that names the file and the heap needed instead of an
 * {@link OutOfMemoryError} from deep inside a reader.
 */
final class HostArrays {
    private HostArrays() {
    }

    /**
     * Up to {@code n} bytes of {@code file} from {@code in}: fewer if the stream ends first. The
     * array grows with the bytes that arrive, so a short stream claiming a huge size costs little.
     */
    static byte[] read(String file, InputStream in, long n) throws IOException {
        check(file, n, 1);
        try {
            return in.readNBytes((int) n);
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
