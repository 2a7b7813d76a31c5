package dev.sinapsis.backend.cuda;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Where the dynamic linker would find a shared library, answered without loading it: the
 * {@code ldconfig} cache, {@code LD_LIBRARY_PATH} and the standard library directories. The CUDA
 * probe asks it for {@code libcuda.so.1} before any JCuda class is touched, so a machine without
 * the NVIDIA driver never runs JCuda's native loader.
 *
 * @param dirs          directories searched in order
 * @param ldconfigNames sonames the {@code ldconfig -p} cache lists
 */
record NativeLibraries(List<Path> dirs, Set<String> ldconfigNames) {
    /** Directories the NVIDIA driver and the CUDA toolkit install into on common distributions. */
    static final List<String> STANDARD_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
            "/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/cuda/lib64",
            "/usr/local/cuda/targets/x86_64-linux/lib", "/usr/lib/wsl/lib");

    NativeLibraries {
        dirs = List.copyOf(dirs);
        ldconfigNames = Set.copyOf(ldconfigNames);
    }

    private static volatile NativeLibraries system;

    /** This machine's search: LD_LIBRARY_PATH, the standard directories and the ldconfig cache (read once). */
    static NativeLibraries system() {
        NativeLibraries s = system;
        if (s == null) {
            Set<Path> dirs = new LinkedHashSet<>();
            String ld = System.getenv("LD_LIBRARY_PATH");
            if (ld != null) {
                for (String d : ld.split(File.pathSeparator)) {
                    if (!d.isBlank()) {
                        dirs.add(Path.of(d));
                    }
                }
            }
            STANDARD_DIRS.forEach(d -> dirs.add(Path.of(d)));
            system = s = new NativeLibraries(new ArrayList<>(dirs), ldconfigCache());
        }
        return s;
    }

    /** The sonames {@code ldconfig -p} lists (empty when ldconfig is absent or fails). */
    static Set<String> ldconfigCache() {
        for (String exe : new String[] {"/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig"}) {
            if (exe.startsWith("/") && !new File(exe).canExecute()) {
                continue;
            }
            try {
                Process p = new ProcessBuilder(exe, "-p").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return parseLdconfig(out);
                }
            } catch (IOException e) {
                // try the next location
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Set.of();
    }

    /** The sonames of {@code ldconfig -p} output: lines {@code "\tlibcuda.so.1 (libc6,x86-64) => /path"}. */
    static Set<String> parseLdconfig(String output) {
        Set<String> names = new HashSet<>();
        for (String line : output.split("\\R")) {
            String t = line.strip();
            int sp = t.indexOf(' ');
            if (sp > 0 && t.contains("=>")) {
                names.add(t.substring(0, sp));
            }
        }
        return names;
    }

    /** True when {@code soname} is in the ldconfig cache or a file of that name is in one of the directories. */
    boolean has(String soname) {
        if (ldconfigNames.contains(soname)) {
            return true;
        }
        for (Path d : dirs) {
            if (Files.exists(d.resolve(soname))) {
                return true;
            }
        }
        return false;
    }

    /** Where {@link #has} looked, for messages. */
    String searched() {
        return "the ldconfig cache, LD_LIBRARY_PATH or the standard library directories";
    }
}
