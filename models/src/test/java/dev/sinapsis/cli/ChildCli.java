package dev.sinapsis.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code sinapsis} in a child JVM (same class path and JVM flags as the tests), output to a file. */
final class ChildCli {
    private ChildCli() {
    }

    /** Starts {@code sinapsis args...}; stdout and stderr go to {@code log}. */
    static Process start(Path log, String... args) throws IOException {
        return start(true, log, args);
    }

    /** As {@link #start(Path, String...)}, with or without {@code --add-modules jdk.incubator.vector}. */
    static Process start(boolean vectorModule, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (vectorModule) {
            cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        cmd.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("CI", "true");
        return pb.start();
    }

    /** What the child wrote so far. */
    static String output(Path log) throws IOException {
        return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
    }
}
