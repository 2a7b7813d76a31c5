#!/usr/bin/env bash
# Compares square F32 GEMM throughput: Sinapsis pure-Java path, Sinapsis ND4J path, and NumPy
# (Debian python3-numpy on OpenBLAS), all on the same thread count.
#
#   bash bench/compare_gemm.sh [N ...]        # sizes, default 1024
#   THREADS=4 REPS=10 bash bench/compare_gemm.sh 512 1024
#
# Prints one JSON line per (implementation, size) as it goes, then a table of GFLOP/s and the
# ratio to NumPy. GFLOP/s = 2 n^3 / best time / 1e9. Builds bench/target/benchmarks.jar first
# if it is missing. Exit code: 0 if every run worked, 1 if one failed, 2 on bad arguments.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
python=/usr/bin/python3
threads="${THREADS:-2}"
reps="${REPS:-5}"

sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1024)
for n in "${sizes[@]}"; do
  if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
    echo "compare_gemm.sh: size must be a positive integer, got '$n' (usage: compare_gemm.sh [N ...])" >&2
    exit 2
  fi
done
if ! [[ "$threads" =~ ^[1-9][0-9]*$ && "$reps" =~ ^[1-9][0-9]*$ ]]; then
  echo "compare_gemm.sh: THREADS and REPS must be positive integers, got THREADS='$threads' REPS='$reps'" >&2
  exit 2
fi

if ! [ -x "$python" ] || ! "$python" -c 'import numpy' 2>/dev/null; then
  echo "compare_gemm.sh: NumPy not found for $python; install it with: apt-get install python3-numpy libopenblas0-pthread" >&2
  exit 1
fi
if ! command -v java >/dev/null 2>&1; then
  echo "compare_gemm.sh: java not found on PATH (JDK 17 needed)" >&2
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
  "$python" - "$1" "$threads" "$reps" <<'PY'
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
  java --add-modules jdk.incubator.vector -Dsinapsis.cpu.threads="$threads" \
    -cp "$jar" dev.sinapsis.bench.Quick gemm "$1" --mode "$2" --reps "$reps"
}

echo "# threads=$threads reps=$reps OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-} sizes=${sizes[*]}" >&2
results=()
status=0
for n in "${sizes[@]}"; do
  for impl in java nd4j numpy; do
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
      status=1
      label="$([ "$impl" = numpy ] && echo numpy || echo "sinapsis-$impl")"
      why="$(grep -v '^\s*$' "$err" | tail -n 1)"
      echo "compare_gemm.sh: $label n=$n failed (exit $rc): ${why:-no output}" >&2
      line="{\"bench\":\"gemm\",\"impl\":\"$label\",\"n\":$n,\"threads\":$threads,\"error\":true}"
    fi
    rm -f "$err"
    echo "$line"
    results+=("$line")
  done
done

printf '%s\n' "${results[@]}" | "$python" -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin if l.strip()]
sizes = sorted({r["n"] for r in rows})
impls = ["sinapsis-java", "sinapsis-nd4j", "numpy"]
g = {(r["impl"], r["n"]): r.get("gflops") for r in rows}
print()
print("GFLOP/s (F32 GEMM, best of reps; ratio = vs NumPy)")
print("%6s  %14s  %14s  %9s  %12s  %12s" % ("n", "sinapsis-java", "sinapsis-nd4j", "numpy", "java/numpy", "nd4j/numpy"))
fmt = lambda v: "n/a" if v is None else "%.1f" % v
ratio = lambda v, ref: "n/a" if v is None or not ref else "%.2f" % (v / ref)
for n in sizes:
    j, d, p = (g.get((i, n)) for i in impls)
    print("%6d  %14s  %14s  %9s  %12s  %12s" % (n, fmt(j), fmt(d), fmt(p), ratio(j, p), ratio(d, p)))
'
exit $status
