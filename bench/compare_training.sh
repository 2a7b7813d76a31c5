#!/usr/bin/env bash
# Training throughput, Sinapsis CPU backend next to PyTorch (Debian python3-torch) in one run:
# the MNIST MLP (784-256-128-10), the `sinapsis train cnn` network and an LSTM text classifier
# (embedding 128, LSTM 128, sequence 200, batch 64; PyTorch with flush-to-zero on), full training
# steps (forward, cross-entropy, backward, Adam) at the same thread count.
#
#   bash bench/compare_training.sh              # batch 128, 2 threads
#   BATCH=64 THREADS=2 bash bench/compare_training.sh
#
# Prints one JSON line per run, then samples/s and the ratio Sinapsis / PyTorch (> 1: faster).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
python=/usr/bin/python3
threads="${THREADS:-2}"
batch="${BATCH:-128}"

if ! [[ "$threads" =~ ^[1-9][0-9]*$ && "$batch" =~ ^[1-9][0-9]*$ ]]; then
  echo "compare_training.sh: THREADS and BATCH must be positive integers" >&2
  exit 2
fi
if ! [ -x "$python" ] || ! "$python" -c 'import torch' 2>/dev/null; then
  echo "compare_training.sh: PyTorch not found for $python; install it with: apt-get install python3-torch libopenblas0-pthread" >&2
  exit 1
fi
if [ ! -f "$jar" ]; then
  echo "compare_training.sh: $jar missing, building it (mvn -B -q -DskipTests package -pl bench -am)" >&2
  (cd "$root" && mvn -B -q -DskipTests package -pl bench -am) >&2 || { echo "compare_training.sh: build failed" >&2; exit 1; }
fi

# PyTorch on OpenBLAS with the same thread count; SkylakeX kernels where the CPU has AVX-512.
export OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads"
if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
  export OPENBLAS_CORETYPE=SkylakeX
fi
openblas_dir=/usr/lib/x86_64-linux-gnu/openblas-pthread
[ -d "$openblas_dir" ] && export LD_LIBRARY_PATH="$openblas_dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

declare -A ours theirs
status=0
for model in mlp cnn lstm; do
  case $model in mlp) steps=300; b=$batch ;; cnn) steps=60; b=$batch ;; lstm) steps=10; b=64 ;; esac
  line=$(java --add-modules jdk.incubator.vector -Dsinapsis.cpu.threads="$threads" -cp "$jar" \
      dev.sinapsis.bench.TrainThroughput "$model" "$b" "$steps" 2>/dev/null) || status=1
  echo "$line"
  ours[$model]=$(sed -n 's/.*"samples_per_sec":\([0-9.]*\).*/\1/p' <<<"$line")
  line=$("$python" "$here/train_throughput.py" "$model" "$b" "$steps" "$threads" 2>/dev/null) || status=1
  echo "$line"
  theirs[$model]=$(sed -n 's/.*"samples_per_sec": \([0-9.]*\).*/\1/p' <<<"$line")
done

printf '\n%-6s %16s %16s %8s\n' model sinapsis/s pytorch/s ratio
for model in mlp cnn lstm; do
  o="${ours[$model]:-}"; t="${theirs[$model]:-}"
  if [ -n "$o" ] && [ -n "$t" ]; then
    printf '%-6s %16s %16s %8s\n' "$model" "$o" "$t" "$(awk -v a="$o" -v b="$t" 'BEGIN{printf "%.2f", a/b}')"
  else
    printf '%-6s %16s %16s %8s\n' "$model" "${o:-n/a}" "${t:-n/a}" "n/a"; status=1
  fi
done
exit $status
