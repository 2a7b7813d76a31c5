#!/usr/bin/env bash
# Compares square F32 GEMM throughput: Sinapsis pure-Java path, Sinapsis ND4J path, and NumPy
# (Debian python3-numpy on OpenBLAS), all on the same thread count.
#
#   bash bench/compare_gemm.sh [N ...]        # sizes, default 1024
#   THREADS=4 REPS=10 RUNS=5 bash bench/compare_gemm.sh 512 1024
#
# SINAPSIS_JAVA_OPTS adds JVM options to the Sinapsis side. An AVX2 machine, emulated on an
# AVX-512 one for both sides: SINAPSIS_JAVA_OPTS=-XX:UseAVX=2 ONEDNN_MAX_CPU_ISA=AVX2
# SINAPSIS_KEEP_CORETYPE=1 OPENBLAS_CORETYPE=Haswell.
#
# For each size, RUNS pairs (default 3) alternate a Sinapsis Java run and a NumPy run (each a fresh
# process, best of REPS calls), so a change in the machine's load hits both; then one ND4J run.
# Prints one JSON line per run as it goes, then a table: each pair's ratio Java/NumPy, the median
# ratio, the median GFLOP/s of both, and ND4J against NumPy's median. GFLOP/s = 2 n^3 / best
# time / 1e9. Builds bench/target/benchmarks.jar first if it is missing.
# Exit code: 0 if every run worked, 1 if one failed, 2 on bad arguments.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
python=/usr/bin/python3
threads="${THREADS:-2}"
reps="${REPS:-5}"
runs="${RUNS:-3}"

sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1024)
for n in "${sizes[@]}"; do
  if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
    echo "compare_gemm.sh: size must be a positive integer, got '$n' (usage: compare_gemm.sh [N ...])" >&2
    exit 2
  fi
done
if ! [[ "$threads" =~ ^[1-9][0-9]*$ && "$reps" =~ ^[1-9][0-9]*$ && "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "compare_gemm.sh: THREADS, REPS and RUNS must be positive integers, got THREADS='$threads' REPS='$reps' RUNS='$runs'" >&2
  exit 2
fi

if ! [ -x "$python" ] || ! "$python" -c 'import numpy' 2>/dev/null; then
  echo "compare_gemm.sh: NumPy not found for $python; install it with: apt-get install python3-numpy libopenblas0-pthread" >&2
  exit 1
fi
# The JVM, as ./sinapsis picks it: $JAVA_HOME/bin/java when JAVA_HOME is set, else java on PATH.
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$java_bin" >/dev/null 2>&1; then
  echo "compare_gemm.sh: $java_bin not found (a JDK 17 or newer is needed; set JAVA_HOME or PATH)" >&2
  exit 1
fi

if [ ! -f "$jar" ]; then
  echo "compare_gemm.sh: $jar missing, building it (mvn -B -q -DskipTests package -pl bench -am)" >&2
  (cd "$root" && mvn -B -q -DskipTests package -pl bench -am) >&2 || {
    echo "compare_gemm.sh: build failed" >&2
    exit 1
  }
fi

# Same BLAS and thread count for everybody; OpenBLAS's best kernels for this CPU (checked).
. "$here/openblas_env.sh"

numpy_gemm() {
  env "${peer_env[@]}" "$python" - "$1" "$threads" "$reps" <<'PY'
import json, sys, time
import numpy as np
n, threads, reps = (int(a) for a in sys.argv[1:4])
rng = np.random.default_rng(42)
a = rng.random((n, n), dtype=np.float32)
b = rng.random((n, n), dtype=np.float32)
out = np.empty((n, n), dtype=np.float32)
start = time.perf_counter()
calls = 0
while calls < 3 or (time.perf_counter() - start < 1.0 and calls < 50):
    np.matmul(a, b, out=out)
    calls += 1
best = float("inf")
for _ in range(reps):
    t0 = time.perf_counter()
    np.matmul(a, b, out=out)
    best = min(best, time.perf_counter() - t0)
print(json.dumps({"bench": "gemm", "impl": "numpy", "n": n, "threads": threads, "reps": reps,
                  "seconds_best": round(best, 6), "gflops": round(2.0 * n ** 3 / best / 1e9, 3)},
                 separators=(",", ":")))
PY
}

sinapsis_gemm() {
  "$java_bin" --add-modules jdk.incubator.vector -Dsinapsis.cpu.threads="$threads" ${SINAPSIS_JAVA_OPTS:-} \
    -cp "$jar" dev.sinapsis.bench.Quick gemm "$1" --mode "$2" --reps "$reps"
}

echo "# threads=$threads reps=$reps runs=$runs OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-} sizes=${sizes[*]}" >&2
echo "# sinapsis on $("$java_bin" -version 2>&1 | head -n 1)" >&2
results=()
status=0
one_run() { # IMPL N: prints the run's JSON line (an error line if it failed)
  local impl=$1 n=$2 err line rc label why
  err="$(mktemp)"
  if [ "$impl" = numpy ]; then
    line="$(numpy_gemm "$n" 2>"$err")"
  else
    line="$(sinapsis_gemm "$n" "$impl" 2>"$err")"
  fi
  rc=$?
  # Keep only the JSON result line, whatever else a library printed.
  line="$(printf '%s\n' "$line" | grep '^{"bench"' | tail -n 1)"
  if [ $rc -ne 0 ] || [ -z "$line" ]; then
    label="$([ "$impl" = numpy ] && echo numpy || echo "sinapsis-$impl")"
    why="$(grep -v '^\s*$' "$err" | tail -n 1)"
    echo "compare_gemm.sh: $label n=$n failed (exit $rc): ${why:-no output}" >&2
    line="{\"bench\":\"gemm\",\"impl\":\"$label\",\"n\":$n,\"threads\":$threads,\"error\":true}"
    rm -f "$err"
    echo "$line"
    return 1
  fi
  rm -f "$err"
  echo "$line"
}
for n in "${sizes[@]}"; do
  for ((r = 1; r <= runs; r++)); do
    for impl in java numpy; do
      line="$(one_run "$impl" "$n")" || status=1
      echo "$line"
      results+=("$line")
    done
  done
  line="$(one_run nd4j "$n")" || status=1
  echo "$line"
  results+=("$line")
done

printf '%s\n' "${results[@]}" | "$python" -c '
import json, statistics, sys
rows = [json.loads(l) for l in sys.stdin if l.strip()]
sizes = sorted({r["n"] for r in rows})
def figures(impl, n):
    return [r.get("gflops") for r in rows if r["impl"] == impl and r["n"] == n]
med = lambda xs: statistics.median(xs) if xs else None
fmt = lambda v: "n/a" if v is None else "%.1f" % v
print()
print("F32 GEMM, GFLOP/s (best of reps per run); pairs alternate Java and NumPy; ratio = Java / NumPy")
print("%6s  %-26s  %6s  %9s  %9s  %9s  %10s" % ("n", "pair ratios", "median", "java", "numpy", "nd4j", "nd4j/numpy"))
for n in sizes:
    java, numpy, nd4j = figures("sinapsis-java", n), figures("numpy", n), figures("sinapsis-nd4j", n)
    ratios = [j / p for j, p in zip(java, numpy) if j and p]
    nd = next((v for v in nd4j if v), None)
    mp = med([v for v in numpy if v])
    print("%6d  %-26s  %6s  %9s  %9s  %9s  %10s" % (n, " ".join("%.2f" % x for x in ratios) or "n/a",
          "%.2f" % med(ratios) if ratios else "n/a", fmt(med([v for v in java if v])), fmt(mp), fmt(nd),
          "%.2f" % (nd / mp) if nd and mp else "n/a"))
'
exit $status
