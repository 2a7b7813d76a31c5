"""FP32 torch.mm throughput (TF32 off) next to bench/gpu-check.sh's GEMM figures: one JSON line per size.

    python3 bench/gpu_torch_mm.py 1024 4096 8192

On the GPU when torch.cuda is available, else on the CPU. Each call is timed with a device
synchronisation; best of 5 after a warm-up, gflops = 2 n^3 / seconds_best / 1e9.
"""
import json
import sys
import time

import torch


def main(sizes):
    cuda = torch.cuda.is_available()
    device = "cuda" if cuda else "cpu"
    if cuda:
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
    sync = torch.cuda.synchronize if cuda else (lambda: None)
    for n in sizes:
        g = torch.Generator(device=device).manual_seed(42)
        a = torch.rand(n, n, generator=g, device=device)
        b = torch.rand(n, n, generator=g, device=device)
        start = time.perf_counter()
        calls = 0
        while calls < 3 or (time.perf_counter() - start < 2 and calls < 200):
            torch.mm(a, b)
            sync()
            calls += 1
        best = float("inf")
        for _ in range(5):
            t0 = time.perf_counter()
            torch.mm(a, b)
            sync()
            best = min(best, time.perf_counter() - t0)
        print(json.dumps({"bench": "gemm", "backend": "torch-" + device, "gemm": "torch.mm fp32, tf32 off",
                          "torch": torch.__version__,
                          "device": torch.cuda.get_device_name(0) if cuda else "cpu",
                          "n": n, "reps": 5, "seconds_best": best, "gflops": round(2.0 * n ** 3 / best / 1e9, 1)}),
              flush=True)


if __name__ == "__main__":
    main([int(s) for s in sys.argv[1:]] or [1024])
