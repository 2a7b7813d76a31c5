package dev.sinapsis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about the Sinapsis library itself. */
public final class Sinapsis {
    private static final String VERSION = readVersion();

    private Sinapsis() {
    }

    /**
     * The version of the {@code sinapsis-core} build on the class path, as in its pom
     * (e.g. {@code 0.1.0-SNAPSHOT}); written into a resource when the jar is built.
     */
    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = Sinapsis.class.getResourceAsStream("sinapsis.properties")) {
            if (in == null) {
                throw new IllegalStateException("dev/sinapsis/sinapsis.properties is missing from sinapsis-core:"
                        + " rebuild it with Maven");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
