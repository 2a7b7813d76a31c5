#!/usr/bin/env bash
# Builds a self-contained bundle for bench/gpu-check.sh on a machine with no JDK and no Maven (the
# lent GPU machine): a jlink Java runtime with only the modules the jars use, the runtime jars
# WITHOUT ND4J and its natives (the CPU backend then runs its pure-Java GEMM), the test classes of
# backend-cuda and backend-opencl, core's test-jar (the backend suite) and the JUnit console
# launcher.
#
#   bash bench/gpu-bundle.sh [OUT]        # default bench/target/gpu-bundle (+ OUT.tar.xz)
#   MVN_OFFLINE= bash bench/gpu-bundle.sh # let Maven download what ~/.m2 lacks
#
# Trimmed to travel in 64 MiB: only the native libraries the backends load on linux-x86_64
# (JCudaDriver and JNvrtc of jcuda-natives, not the 24 MB NVPTX compiler; CLBlast for Linux), and
# the models jar without the IMDB text and the shipped classifiers (gpu-check trains the CNN on the
# embedded MNIST subset). Prints the bundle's size at the end.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="${1:-$root/bench/target/gpu-bundle}"
offline="${MVN_OFFLINE--o}"
junit_console=org.junit.platform:junit-platform-console-standalone:1.11.4
say() { echo "gpu-bundle: $*" >&2; }

command -v jlink >/dev/null || { say "jlink not found: a JDK 17 is needed to build the bundle"; exit 1; }
command -v mvn >/dev/null || { say "mvn not found: Maven is needed to build the bundle"; exit 1; }

work="$root/bench/target/gpu-bundle-work"
rm -rf "$out" "$work"
mkdir -p "$out/lib" "$out/test" "$work/deps"

say "building the jars and test classes (no tests run)"
(cd "$root" && mvn -B -q $offline -Dstyle.color=never -DskipTests -Dmaven.source.skip=true -Dmaven.javadoc.skip=true \
  package dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$work/deps" \
  -pl backend-cuda,backend-opencl,models,bench -am) >&2
(cd "$root" && mvn -B -q $offline -Dstyle.color=never dependency:copy -Dartifact="$junit_console" \
  -DoutputDirectory="$out/test" -pl core) >&2

# ND4J, its natives and what only it needs stay behind; so do the benchmarks' JMH jars and XChart's
# PDF and SVG exporters (the runs write PNG).
drop='^(pdfbox-|fontbox-|graphics2d-|VectorGraphics2D-|commons-logging-|sinapsis-backend-cpu-nd4j|nd4j-|openblas-|javacpp-|protobuf-1\.0|guava-1\.0|jackson-1\.0|flatbuffers-|jna-|oshi-|threetenbp-|neoitertools-|byteunits-|commons-net-|commons-collections4-|commons-codec-|jmh-|jopt-simple-|sinapsis-(bom|parent|consumer-it|examples))'
for j in "$work/deps"/*.jar; do
  name="$(basename "$j")"
  [[ "$name" =~ $drop ]] && continue
  cp "$j" "$out/lib/"
done
for m in core kernels backend-cpu backend-cuda backend-opencl bench; do
  cp "$root/$m/target/sinapsis-$m-0.1.0-SNAPSHOT.jar" "$out/lib/"
done
cp "$root/core/target/sinapsis-core-0.1.0-SNAPSHOT-tests.jar" "$out/test/"
for m in backend-cuda backend-opencl; do
  jar --create --file "$out/test/sinapsis-$m-tests.jar" -C "$root/$m/target/test-classes" .
done

# Keep only the native libraries that load here.
repack() { # JAR KEEP-REGEX: rewrite JAR with only the entries matching KEEP-REGEX plus classes and metadata
  local jarfile="$1" keep="$2" tmp="$work/repack"
  rm -rf "$tmp" && mkdir -p "$tmp" && (cd "$tmp" && jar --extract --file "$jarfile")
  find "$tmp" -type f \( -name '*.so' -o -name '*.dylib' -o -name '*.dll' \) | grep -Ev "$keep" | xargs -r rm -f
  rm -f "$jarfile" && jar --create --file "$jarfile" -C "$tmp" .
}
repack "$out/lib/jcuda-natives-12.6.0-linux-x86_64.jar" 'libJ(CudaDriver|Nvrtc)-'
repack "$out/lib/jocl-blast-1.5.2.jar" '(linux/x86_64/libclblast\.so|libJOCLBlast_1_5_2-linux-x86_64\.so)$'
models="$out/lib/sinapsis-models-0.1.0-SNAPSHOT.jar"
cp "$root/models/target/sinapsis-models-0.1.0-SNAPSHOT.jar" "$models"
zip -q -d "$models" 'dev/sinapsis/models/imdb/*' 'dev/sinapsis/models/classifier/*' >/dev/null 2>&1 \
  || say "zip not found: the models jar keeps its IMDB text and classifiers"

# The Java runtime: the modules jdeps finds in the Sinapsis jars (jdk.jshell included: the CLI's
# `shell` command is resolved when the command line is built), plus jdk.unsupported and java.sql
# that libraries on the class path touch, jdk.zipfs for the JUnit launcher's class-path scan, and
# jdk.jcmd (jmap, jcmd, jstack) for looking into a JVM there (bench.HeapGrowth uses jmap).
modules="$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 --class-path "$out/lib/*" \
  "$out"/lib/sinapsis-*.jar)"
modules="$(echo "$modules,jdk.unsupported,java.sql,jdk.zipfs,jdk.jcmd" | tr ',' '\n' | sort -u | paste -sd, -)"
say "jlink: $modules"
jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=0 \
  --output "$out/jre" 2>&1 | grep -v 'incubator modules' >&2 || true
strip --strip-unneeded "$out/jre/lib/server/libjvm.so" 2>/dev/null || true

rm -rf "$work"
say "bundle at $out: $(du -sm "$out" | cut -f1) MiB (jre $(du -sm "$out/jre" | cut -f1), lib $(du -sm "$out/lib" | cut -f1), test $(du -sm "$out/test" | cut -f1))"
# What travels: one xz archive (the runtime's modules are stored uncompressed above so that xz
# compresses them better than jlink's zip); gpu-check.sh unpacks it when the directory is absent.
tarball="$out.tar.xz"
tar -C "$(dirname "$out")" -cf - "$(basename "$out")" | xz -T0 -6 > "$tarball"
say "archive $tarball: $(du -m "$tarball" | cut -f1) MiB"
