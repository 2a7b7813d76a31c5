package dev.sinapsis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./sinapsis} launcher rebuilds the jar when a source of any module it holds changed:
 * run on a copy of the script in a fake checkout, with {@code mvn} and {@code java} replaced by
 * scripts that record their call.
 */
class LauncherTest {
    private static final List<String> MODULES = List.of("core", "kernels", "backend-cpu", "backend-opencl", "models");
    private static final Instant JAR_TIME = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    private Path root;
    private Path bin;

    private void layout() throws IOException {
        root = tmp.resolve("checkout");
        bin = tmp.resolve("bin");
        Files.createDirectories(bin);
        Path script = Path.of("..", "sinapsis");
        Files.createDirectories(root);
        Files.copy(script, root.resolve("sinapsis"));
        old(Files.writeString(root.resolve("pom.xml"), "<project/>"));
        for (String m : MODULES) {
            old(Files.writeString(Files.createDirectories(root.resolve(m)).resolve("pom.xml"), "<project/>"));
            Path src = Files.createDirectories(root.resolve(m + "/src/main/java/x"));
            old(Files.writeString(src.resolve("A.java"), "class A {}"));
        }
        Path jar = Files.createDirectories(root.resolve("models/target")).resolve("sinapsis.jar");
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.from(JAR_TIME));
        // the fakes record their name in calls, their arguments in args; mvn -pl spark lists a class path
        fake("mvn", "echo mvn >> \"" + tmp.resolve("calls") + "\"; echo \"mvn $*\" >> \"" + tmp.resolve("args") + "\"\n"
                + "case \"$*\" in *'-pl spark '*) mkdir -p spark/target && echo /x.jar > spark/target/runtime-classpath.txt;; esac");
        fake("java", "echo java >> \"" + tmp.resolve("calls") + "\"; echo \"java $*\" >> \"" + tmp.resolve("args") + "\"");
    }

    private static void old(Path p) throws IOException {
        Files.setLastModifiedTime(p, FileTime.from(JAR_TIME.minusSeconds(3600)));
    }

    private void fake(String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs the launcher; returns the tools it called, in order. */
    private List<String> launch(String... args) throws IOException, InterruptedException {
        Files.deleteIfExists(tmp.resolve("calls"));
        Files.deleteIfExists(tmp.resolve("args"));
        List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("sinapsis").toString()));
        command.addAll(args.length == 0 ? List.of("--version") : List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().remove("SINAPSIS_REBUILD");
        pb.environment().remove("LD_PRELOAD");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the launcher did not end");
        assertEquals(0, p.exitValue(), out);
        return Files.readAllLines(tmp.resolve("calls"));
    }

    @Test
    void rebuildsWhenAnyModuleSourceChangesAndOnlyThen() throws IOException, InterruptedException {
        layout();
        assertEquals(List.of("java"), launch(), "nothing changed: no build");
        for (String m : MODULES) {
            Path src = root.resolve(m + "/src/main/java/x/A.java");
            Files.setLastModifiedTime(src, FileTime.from(JAR_TIME.plusSeconds(60)));
            assertEquals(List.of("mvn", "java"), launch(), "a changed source in " + m + " rebuilds the jar");
            old(src);
        }
        Path resource = Files.createDirectories(root.resolve("kernels/src/main/resources")).resolve("k.c");
        Files.writeString(resource, "kernel");
        assertEquals(List.of("mvn", "java"), launch(), "a changed resource rebuilds the jar");
    }

    @Test
    void sparkIsBuiltAndLoadedOnlyWithTheSparkFlag() throws IOException, InterruptedException {
        layout();
        old(Files.writeString(Files.createDirectories(root.resolve("spark")).resolve("pom.xml"),
                "<project><properties><spark.jvmArgs>--add-opens=java.base/java.nio=ALL-UNNAMED</spark.jvmArgs>"
                        + "</properties></project>"));
        Path src = Files.createDirectories(root.resolve("spark/src/main/java/x")).resolve("S.java");
        Files.writeString(src, "class S {}");
        Files.setLastModifiedTime(src, FileTime.from(JAR_TIME.plusSeconds(60)));
        assertEquals(List.of("java"), launch(), "the spark module is not in the plain jar: no build for it");
        assertFalse(Files.readString(tmp.resolve("args")).contains("add-opens"));

        assertEquals(List.of("mvn", "java"), launch("train", "cnn", "--spark", "local[2]"), "first --spark: built");
        List<String> args = Files.readAllLines(tmp.resolve("args"));
        assertTrue(args.get(0).contains("package -pl spark -am"), args.get(0));
        String java = args.get(1);
        assertTrue(java.contains("--add-opens=java.base/java.nio=ALL-UNNAMED"), java);
        assertTrue(java.contains("-cp " + root.resolve("spark/target/classes") + ":/x.jar dev.sinapsis.cli.Main"
                + " train cnn --spark local[2]"), java);
        assertEquals(List.of("java"), launch("train", "cnn", "--spark=local[2]"), "built and unchanged: no build");
        // Maven keeps the list's date when its content is the same: the launcher dates it itself
        Path list = root.resolve("spark/target/runtime-classpath.txt");
        Files.setLastModifiedTime(list, FileTime.from(JAR_TIME));
        Files.setLastModifiedTime(src, FileTime.from(JAR_TIME.plusSeconds(60)));
        fake("mvn", "echo mvn >> \"" + tmp.resolve("calls") + "\""); // leaves the list as it was
        assertEquals(List.of("mvn", "java"), launch("train", "cnn", "--spark", "local[2]"), "a changed source: built");
        assertEquals(List.of("java"), launch("train", "cnn", "--spark", "local[2]"), "and then not again");
    }

    @Test
    void preloadsTheJdksLibjsigForSignalChaining() throws IOException, InterruptedException {
        layout();
        // the fake java lives in bin/, so its JDK's library folder is lib/ beside it
        fake("java", "echo java >> \"" + tmp.resolve("calls") + "\"; echo \"LD_PRELOAD=$LD_PRELOAD\" >> \""
                + tmp.resolve("args") + "\"");
        launch();
        assertEquals(List.of("LD_PRELOAD="), Files.readAllLines(tmp.resolve("args")), "no libjsig.so: nothing preloaded");
        Path real = Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(real), "this JDK has no libjsig.so to copy");
        Path jsig = Files.createDirectories(tmp.resolve("lib")).resolve("libjsig.so");
        Files.copy(real, jsig);
        launch();
        assertEquals(List.of("LD_PRELOAD=" + jsig.toRealPath()), Files.readAllLines(tmp.resolve("args")));
    }
}
