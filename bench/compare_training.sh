#!/usr/bin/env bash
# Training throughput, Sinapsis CPU backend next to PyTorch (Debian python3-torch) in one run:
# the MNIST MLP (784-256-128-10), the `sinapsis train cnn` network (training, and `cnn-infer`: its
# inference in eval mode without gradients, batch 256), LeNet and an LSTM text classifier
# (embedding 128, LSTM 128, sequence 200, batch 64; PyTorch with flush-to-zero on), full training
# steps (forward, cross-entropy, backward, Adam) at the same thread count; and the GAN steps of
# `sinapsis train gan` (G 100-256-512-784, D 784-512-256-1) and `train dcgan` (one D and one G
# update, batch 64).
#
#   bash bench/compare_training.sh              # batch 128, 2 threads, every model, 3 pairs
#   BATCH=64 THREADS=2 bash bench/compare_training.sh
#   MODELS="gan dcgan" RUNS=5 bash bench/compare_training.sh
#   PEER_THREADS="1 2" bash bench/compare_training.sh   # PyTorch's best of 1 and 2 threads
#
# PEER_THREADS (default: THREADS) lists the thread counts PyTorch runs at in each pair; the pair
# takes its fastest. On a 2-vCPU VM PyTorch at 2 threads can be slower than at 1 (its OpenMP team
# and OpenBLAS's threads spin on the same two CPUs), and a ratio against that handicap flatters
# Sinapsis.
#
# The Sinapsis side runs on $JAVA_HOME/bin/java when JAVA_HOME is set, else on java on PATH (as
# ./sinapsis does): JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bash bench/compare_training.sh
#
# SINAPSIS_JAVA_OPTS adds JVM options to the Sinapsis side. An AVX2 machine, emulated on an
# AVX-512 one for both sides: SINAPSIS_JAVA_OPTS=-XX:UseAVX=2 ONEDNN_MAX_CPU_ISA=AVX2
# SINAPSIS_KEEP_CORETYPE=1 OPENBLAS_CORETYPE=Haswell.
#
# Each model runs RUNS times as pairs alternating Sinapsis and PyTorch (so a change in the
# machine's load hits both sides alike); prints one JSON line per run, then the median samples/s
# of each side and the median of the pairs' ratios Sinapsis / PyTorch (> 1: faster).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
python=/usr/bin/python3
threads="${THREADS:-2}"
peer_threads="${PEER_THREADS:-$threads}"
batch="${BATCH:-128}"
runs="${RUNS:-3}"
models="${MODELS:-mlp cnn lenet cnn-infer lstm gan dcgan}"

for m in $models; do
  case $m in mlp|cnn|lenet|cnn-infer|lstm|gan|dcgan) ;; *) echo "compare_training.sh: unknown model '$m' in MODELS (mlp cnn lenet cnn-infer lstm gan dcgan)" >&2; exit 2 ;; esac
done
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "compare_training.sh: RUNS must be a positive integer" >&2
  exit 2
fi
if ! [[ "$threads" =~ ^[1-9][0-9]*$ && "$batch" =~ ^[1-9][0-9]*$ ]]; then
  echo "compare_training.sh: THREADS and BATCH must be positive integers" >&2
  exit 2
fi
for pt in $peer_threads; do
  if ! [[ "$pt" =~ ^[1-9][0-9]*$ ]]; then
    echo "compare_training.sh: PEER_THREADS must list positive integers, got '$peer_threads'" >&2
    exit 2
  fi
done
if ! [ -x "$python" ] || ! "$python" -c 'import torch' 2>/dev/null; then
  echo "compare_training.sh: PyTorch not found for $python; install it with: apt-get install python3-torch libopenblas0-pthread" >&2
  exit 1
fi
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$java_bin" >/dev/null 2>&1; then
  echo "compare_training.sh: $java_bin not found (a JDK 17 or newer is needed; set JAVA_HOME or PATH)" >&2
  exit 1
fi
if [ ! -f "$jar" ]; then
  echo "compare_training.sh: $jar missing, building it (mvn -B -q -DskipTests package -pl bench -am)" >&2
  (cd "$root" && mvn -B -q -DskipTests package -pl bench -am) >&2 || { echo "compare_training.sh: build failed" >&2; exit 1; }
fi

# PyTorch on OpenBLAS with the same thread count; its best kernels for this CPU (checked).
. "$here/openblas_env.sh"

# median of the numbers on stdin
median() { sort -g | awk '{v[NR]=$1} END {if (NR == 0) exit 1; print (NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2)}'; }

declare -A ours theirs ratios
status=0
for model in $models; do
  case $model in
    mlp) steps=1000; b=$batch; cls=TrainThroughput ;;
    cnn) steps=60; b=$batch; cls=TrainThroughput ;;
    lenet) steps=20; b=$batch; cls=TrainThroughput ;;
    cnn-infer) steps=60; b=256; cls=TrainThroughput ;;
    lstm) steps=10; b=64; cls=TrainThroughput ;;
    gan) steps=100; b=64; cls=GanThroughput ;;
    dcgan) steps=20; b=64; cls=GanThroughput ;;
  esac
  ours[$model]=""; theirs[$model]=""; ratios[$model]=""
  for ((r = 1; r <= runs; r++)); do
    line=$("$java_bin" --add-modules jdk.incubator.vector -Dsinapsis.cpu.threads="$threads" ${SINAPSIS_JAVA_OPTS:-} -cp "$jar" \
        "dev.sinapsis.bench.$cls" "$model" "$b" "$steps" 2>/dev/null) || status=1
    echo "$line"
    o=$(sed -n 's/.*"samples_per_sec":\([0-9.]*\).*/\1/p' <<<"$line")
    t=""
    for pt in $peer_threads; do
      line=$(env "${peer_env[@]}" "$python" "$here/train_throughput.py" "$model" "$b" "$steps" "$pt" 2>/dev/null) || status=1
      echo "$line"
      v=$(sed -n 's/.*"samples_per_sec": \([0-9.]*\).*/\1/p' <<<"$line")
      if [ -n "$v" ] && { [ -z "$t" ] || awk -v a="$v" -v b="$t" 'BEGIN{exit !(a > b)}'; }; then t=$v; fi
    done
    if [ -n "$o" ] && [ -n "$t" ]; then
      ours[$model]+="$o "; theirs[$model]+="$t "
      ratios[$model]+="$(awk -v a="$o" -v b="$t" 'BEGIN{printf "%.4f", a/b}') "
    else
      status=1
    fi
  done
done

printf '\nSinapsis at %s threads on %s; PyTorch at the best of %s threads in each pair\n' "$threads" \
    "$("$java_bin" -version 2>&1 | head -n 1)" "$peer_threads"
printf '%-9s %6s %16s %16s %14s\n' model pairs sinapsis/s pytorch/s "median ratio"
for model in $models; do
  n=$(wc -w <<<"${ratios[$model]}")
  if [ "$n" -gt 0 ]; then
    printf '%-9s %6s %16s %16s %14s\n' "$model" "$n" "$(tr ' ' '\n' <<<"${ours[$model]}" | grep . | median)" \
        "$(tr ' ' '\n' <<<"${theirs[$model]}" | grep . | median)" \
        "$(tr ' ' '\n' <<<"${ratios[$model]}" | grep . | median | awk '{printf "%.2f", $1}')"
  else
    printf '%-9s %6s %16s %16s %14s\n' "$model" 0 n/a n/a n/a; status=1
  fi
done
exit $status
