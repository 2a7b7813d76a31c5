# Sourced by compare_gemm.sh and compare_training.sh: the same OpenBLAS and thread count for every
# Python peer, with OpenBLAS's best kernel set for this CPU.
#
# Some environments export OPENBLAS_CORETYPE=Haswell, which runs AVX2 kernels on an AVX-512 CPU
# (Intel, or AMD Zen 4/5) and halves NumPy and PyTorch. On an AVX-512 CPU this picks SkylakeX
# instead, unless SINAPSIS_KEEP_CORETYPE=1, and only after checking that it computes correctly: a
# float32 matmul through OpenBLAS against numpy.einsum in float64 (no BLAS). A check that fails
# keeps the previous setting and says so.
#
# Needs: $threads, $python. Exports OPENBLAS_NUM_THREADS, OMP_NUM_THREADS, OPENBLAS_CORETYPE and
# LD_LIBRARY_PATH (Debian's openblas-pthread first); sets peer_env, the malloc settings to run the
# Python peer with (env "${peer_env[@]}" "$python" ...).
export OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads"
openblas_dir=/usr/lib/x86_64-linux-gnu/openblas-pthread
if [ -d "$openblas_dir" ]; then
  export LD_LIBRARY_PATH="$openblas_dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
openblas_check() {
  OPENBLAS_CORETYPE="$1" "$python" - <<'PY' 2>/dev/null
import sys
import numpy as np
rng = np.random.default_rng(7)
for n in (17, 64, 200):
    a = rng.standard_normal((n, n)).astype(np.float32)
    b = rng.standard_normal((n, n)).astype(np.float32)
    got = (a @ b).astype(np.float64)
    want = np.einsum("ij,jk->ik", a.astype(np.float64), b.astype(np.float64))
    if not np.allclose(got, want, rtol=1e-4, atol=1e-4 * np.sqrt(n)):
        sys.exit(1)
PY
}
if grep -qw avx512f /proc/cpuinfo 2>/dev/null && [ "${SINAPSIS_KEEP_CORETYPE:-0}" != 1 ]; then
  case "${OPENBLAS_CORETYPE:-}" in
    SkylakeX|Cooperlake|SapphireRapids) ;;
    *)
      before="${OPENBLAS_CORETYPE:-unset}"
      if openblas_check SkylakeX; then
        export OPENBLAS_CORETYPE=SkylakeX
        [ "$before" != unset ] && echo "# OPENBLAS_CORETYPE=$before replaced by SkylakeX on this AVX-512 CPU (checked against numpy.einsum; SINAPSIS_KEEP_CORETYPE=1 keeps it)" >&2
      else
        echo "# warning: OpenBLAS's SkylakeX kernels failed the correctness check here; OPENBLAS_CORETYPE stays $before" >&2
      fi
      ;;
  esac
fi

# glibc's malloc gives large freed blocks back to the kernel (blocks past the dynamic mmap
# threshold, and the heap's top past the trim threshold), so a PyTorch step that allocates its
# activations afresh page-faults on them every time: on the 2-core VM a 128x16x14x14 -> 32 5x5
# convolution ran its forward in 16-23 ms instead of 1.9-2.3 ms, a cnn training step in 88-96 ms
# instead of 33-42. jemalloc and tcmalloc (what PyTorch's CPU tuning guide recommends) keep such
# memory; glibc does too with these two settings (32 MB is the largest mmap threshold it takes).
# The peers run with them; SINAPSIS_PEER_MALLOC=default leaves glibc's defaults.
peer_env=()
if [ "${SINAPSIS_PEER_MALLOC:-tuned}" != default ]; then
  peer_env=(MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184)
fi
