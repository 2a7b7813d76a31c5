#!/usr/bin/env bash
# The CUDA backend on a machine with an NVIDIA GPU, with no JDK and no Maven there: runs from the
# bundle bench/gpu-bundle.sh makes (bench/target/gpu-bundle, or its .tar.xz, unpacked to $TMPDIR).
# Prints one JSON line per figure on standard output (progress goes to standard error):
#   - whether CUDA is available here, and why not, with the fix (from `sinapsis devices`);
#   - the CUDA test suite (JUnit console launcher: the GPU-free CUDA tests and the whole backend
#     suite once per GEMM mode) with its counts; -Dsinapsis.requireCuda=true where a GPU is present;
#   - square F32 GEMM GFLOP/s at 1024, 4096, 8192 (GEMM_SIZES) for the own tiled kernel and cuBLAS,
#     next to PyTorch's torch.mm (FP32, TF32 off) when `python3 -c "import torch"` works, and the
#     CPU backend (CPU_GEMM_SIZES, default 1024);
#   - `sinapsis train cnn --backend cuda` on the embedded MNIST data next to the same run on the CPU
#     (samples per second, test accuracy);
#   - if the NVIDIA OpenCL driver is present: the OpenCL suite and GEMM on the same GPU.
# Where CUDA cannot run (this project's build machines), the CUDA steps print why and the CPU figures
# still come. Meant to fit in about 8 minutes on a GPU machine.
#
#   bash bench/gpu-bundle.sh   # on a machine with a JDK and Maven
#   bash bench/gpu-check.sh    # anywhere, from the bundle (PYTHON=/usr/bin/python3 to pick the torch)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bundle="${SINAPSIS_BUNDLE:-$here/target/gpu-bundle}"
out="${OUT:-${TMPDIR:-/tmp}/sinapsis-gpu-check}"
gemm_sizes="${GEMM_SIZES:-1024 4096 8192}"
cpu_gemm_sizes="${CPU_GEMM_SIZES:-1024}"
epochs="${EPOCHS:-2}"
python="${PYTHON:-python3}"
mkdir -p "$out"
say() { echo "gpu-check: $*" >&2; }
json_str() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | tr -d '\n'; }

if [ ! -x "$bundle/jre/bin/java" ] && [ -f "$bundle.tar.xz" ]; then
  say "unpacking $bundle.tar.xz into $out"
  tar -C "$out" -xJf "$bundle.tar.xz" && bundle="$out/$(basename "$bundle")"
fi
if [ ! -x "$bundle/jre/bin/java" ]; then
  say "no bundle at $bundle (nor $bundle.tar.xz): build it with bash bench/gpu-bundle.sh on a machine with a JDK and Maven"
  exit 1
fi
java=("$bundle/jre/bin/java" --add-modules jdk.incubator.vector -Djava.awt.headless=true -Xmx16g)
# signal chaining, as the sinapsis launcher does: where the machine also has PoCL, its LLVM would
# replace the JVM's SIGSEGV handler (see dev.sinapsis.backend.opencl.SignalChaining)
if [ -f "$bundle/jre/lib/libjsig.so" ]; then
  export LD_PRELOAD="$bundle/jre/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}"
fi
cp="$bundle/lib/*"
tcp="$bundle/test/*:$bundle/lib/*"
gpu_present=false
if [ -e /dev/nvidia0 ] || command -v nvidia-smi >/dev/null 2>&1; then gpu_present=true; fi
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader >&2 2>/dev/null || true

# 1. Availability, as `sinapsis devices` reports it.
devices="$("${java[@]}" -cp "$cp" dev.sinapsis.cli.Main devices 2>"$out/devices.err")"
echo "$devices" >&2
block() { echo "$devices" | awk -v b="$1" '$1 == b {on = 1; print; next} /^[a-z]/ {on = 0} on'; }
cuda_block="$(block cuda)"
if echo "$cuda_block" | head -1 | grep -q "NOT available"; then
  cuda=false
  why="$(echo "$cuda_block" | sed -n 's/^ *why: //p')"
  fix="$(echo "$cuda_block" | sed -n 's/^ *fix: //p')"
  echo "{\"check\":\"cuda\",\"available\":false,\"gpu_present\":$gpu_present,\"reason\":\"$(json_str "$why")\",\"fix\":\"$(json_str "$fix")\"}"
else
  cuda=true
  dev="$(echo "$cuda_block" | sed -n 's/^ *device: //p' | paste -sd' ' -)"
  echo "{\"check\":\"cuda\",\"available\":true,\"device\":\"$(json_str "$dev")\"}"
fi
opencl_nvidia=false
if echo "$(block opencl)" | grep -qi "nvidia"; then opencl_nvidia=true; fi

# 2. The test suites (JUnit console launcher); counts from its summary.
suite() { # NAME SELECTORS... : runs the JUnit console launcher, prints one JSON line
  local name="$1"; shift
  local log="$out/junit-$name.log" start end
  start=$(date +%s)
  timeout "${SUITE_TIMEOUT:-420}" "${java[@]}" "$@" -cp "$tcp" org.junit.platform.console.ConsoleLauncher execute \
    --class-path "$tcp" --details=tree --disable-banner --disable-ansi-colors --reports-dir "$out/junit-$name" \
    ${SELECT:-} >"$log" 2>&1
  local rc=$?
  end=$(date +%s)
  count() { sed -n "s/.*\[ *\([0-9]*\) tests $1 *\].*/\1/p" "$log" | head -1; }
  local ok failed aborted skipped
  ok="$(count successful)"; failed="$(count failed)"; aborted="$(count aborted)"; skipped="$(count skipped)"
  # tests skipped by an assumption (no GPU) are "aborted" in the launcher's summary
  echo "{\"check\":\"suite\",\"suite\":\"$name\",\"exit\":$rc,\"seconds\":$((end - start)),\"successful\":${ok:-0},\"failed\":${failed:-0},\"aborted\":${aborted:-0},\"skipped\":${skipped:-0}}"
  if [ "${aborted:-0}" != 0 ]; then
    echo "{\"check\":\"suite\",\"suite\":\"$name\",\"aborted_because\":\"$(json_str "$(grep -m1 -o 'Assumption failed: .*' "$log")")\"}"
  fi
  grep -E "MethodSource|=> " "$log" | head -20 >&2 || true
}
SELECT="--select-package dev.sinapsis.backend.cuda" suite cuda -Dsinapsis.requireCuda=$gpu_present

# 3. GEMM: the own kernel and cuBLAS on CUDA, PyTorch, the CPU backend.
gemm() { # BACKEND N [JAVA OPTIONS...]
  local backend="$1" n="$2"; shift 2
  local line rc
  line="$(timeout 180 "${java[@]}" "$@" -cp "$cp" dev.sinapsis.bench.DeviceGemm "$backend" "$n" 2>"$out/gemm-$backend-$n.err")"
  rc=$?
  if [ $rc = 0 ]; then
    echo "$line"
  else # the error line DeviceGemm prints, or (a crash, a timeout) the exit code and what came out
    local why
    why="$(grep -m1 '^DeviceGemm: ' "$out/gemm-$backend-$n.err" || { echo "exit $rc: $line"; tail -3 "$out/gemm-$backend-$n.err"; })"
    echo "{\"bench\":\"gemm\",\"backend\":\"$backend\",\"n\":$n,\"error\":\"$(json_str "$why")\"}"
  fi
}
if $cuda; then
  for n in $gemm_sizes; do gemm cuda "$n" -Dsinapsis.cuda.gemm=tiled; done
  for n in $gemm_sizes; do gemm cuda "$n" -Dsinapsis.cuda.gemm=cublas; done
fi
if command -v "$python" >/dev/null 2>&1 && "$python" -c "import torch" 2>/dev/null; then
  if "$python" -c "import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)" 2>/dev/null; then
    timeout 240 "$python" "$here/gpu_torch_mm.py" $gemm_sizes || say "torch GEMM failed"
  else
    timeout 240 "$python" "$here/gpu_torch_mm.py" $cpu_gemm_sizes || say "torch GEMM failed"
  fi
else
  echo "{\"bench\":\"gemm\",\"backend\":\"torch\",\"skipped\":\"$python -c 'import torch' fails here\"}"
fi
for n in $cpu_gemm_sizes; do gemm cpu "$n"; done

# 4. Training: the CNN of `sinapsis train cnn` on the embedded MNIST subset, CUDA next to the CPU.
train() { # BACKEND
  local run="$out/train-cnn-$1"
  rm -rf "$run"
  if timeout 300 "${java[@]}" -cp "$cp" dev.sinapsis.cli.Main train cnn --backend "$1" --epochs "$epochs" \
      --out "$run" >"$out/train-$1.log" 2>&1 && [ -f "$run/summary.json" ]; then
    sed 's/^{/{"check":"train",/' "$run/summary.json"
  else
    echo "{\"check\":\"train\",\"model\":\"cnn\",\"backend\":\"$1\",\"error\":\"$(json_str "$(tail -1 "$out/train-$1.log")")\"}"
  fi
}
if $cuda; then train cuda; fi
train cpu

# 5. OpenCL on the same GPU, when the NVIDIA OpenCL driver is there.
if $opencl_nvidia; then
  SELECT="--select-class dev.sinapsis.backend.opencl.OpenClSuiteTest" suite opencl-nvidia \
    -Dsinapsis.opencl.device=nvidia -Dsinapsis.requireOpenCL=true
  for n in $gemm_sizes; do gemm opencl "$n" -Dsinapsis.opencl.device=nvidia; done
else
  echo "{\"check\":\"opencl-nvidia\",\"skipped\":\"no NVIDIA OpenCL device listed by sinapsis devices\"}"
fi
say "logs and JUnit reports in $out"
