"""The Python peer of `sinapsis bench --compare numpy|torch`: the same workloads in NumPy or PyTorch.

Started once per run by dev.sinapsis.cli.PythonPeer:
    python3 bench_peer.py numpy|torch THREADS
It prints one JSON line when ready ({"ready": true, "impl": ...} or {"ready": false, "error": ...}),
then answers each request line "OP SIZE DTYPE REPS WARMUP_SECONDS" on standard input with one JSON
line: {"median_ms": ...} or {"error": ...}. The sizes are the ones BenchSize prints: gemm "n" or
"MxKxN", conv2d "NxCxHxW:OxK:sS:pP" (op conv2d-backward: the forward, then the gradients of input and
weight), softmax "RxC", elementwise "n", train "model:batch". Timing as
on the Java side: warm-up (at least 3 calls, about WARMUP_SECONDS), then the median of REPS calls.
"""
import json
import sys
import time


def main():
    lib, threads = sys.argv[1], int(sys.argv[2])
    try:
        import numpy as np
        if lib == "torch":
            import torch
            torch.set_num_threads(threads)
            impl = "pytorch-" + torch.__version__
        else:
            impl = "numpy-" + np.__version__
        check_blas(np)
    except Exception as e:  # a missing module or a BLAS computing wrong: the Java side says so in one line
        print(json.dumps({"ready": False, "error": "%s: %s" % (type(e).__name__, e)}), flush=True)
        return
    print(json.dumps({"ready": True, "impl": impl}), flush=True)
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        try:
            op, size, dtype, reps, warmup = parts[0], parts[1], parts[2], int(parts[3]), float(parts[4])
            call = workload(lib, op, size, dtype)
            print(json.dumps({"median_ms": timed(call, reps, warmup)}), flush=True)
        except Exception as e:
            print(json.dumps({"error": "%s: %s" % (type(e).__name__, e)}), flush=True)


def check_blas(np):
    """The BLAS kernel set (OPENBLAS_CORETYPE) must compute right before its times mean anything."""
    rng = np.random.default_rng(1)
    a = rng.random((67, 45), dtype=np.float32)
    b = rng.random((45, 71), dtype=np.float32)
    ref = np.einsum("ik,kj->ij", a.astype(np.float64), b.astype(np.float64))
    if not np.allclose(a @ b, ref, rtol=1e-4, atol=1e-4):
        raise RuntimeError("the BLAS library computes a wrong float32 matrix product (OPENBLAS_CORETYPE?)")


def dims(text):
    return [int(v) for v in text.split("x")]


def workload(lib, op, size, dtype):
    import numpy as np
    if op == "train":
        if lib != "torch":
            raise ValueError("numpy has no training; use --compare torch")
        return train_step(size)
    np_dtype = np.float32 if dtype == "f32" else np.float64
    rng = np.random.default_rng(42)

    def rand(*shape):
        x = rng.random(shape, dtype=np_dtype) * 2 - 1
        return torch_of(x) if lib == "torch" else x

    if op == "gemm":
        d = dims(size)
        m, k, n = d if len(d) == 3 else (d[0], d[0], d[0])
        a, b = rand(m, k), rand(k, n)
        if lib == "torch":
            import torch
            return lambda: torch.mm(a, b)
        return lambda: a @ b
    if op == "elementwise":
        a, b = rand(int(size)), rand(int(size))
        return lambda: a + b
    if op == "softmax":
        r, c = dims(size)
        x = rand(r, c)
        if lib == "torch":
            import torch
            return lambda: torch.softmax(x, 1)

        def softmax():
            e = np.exp(x - x.max(axis=1, keepdims=True))
            return e / e.sum(axis=1, keepdims=True)
        return softmax
    if op in ("conv2d", "conv2d-backward"):
        if lib != "torch":
            raise ValueError("numpy has no convolution; use --compare torch")
        import torch
        image, kernel, stride, pad = size.split(":")
        n, c, h, w = dims(image)
        o, k = dims(kernel)
        x, wt = rand(n, c, h, w), rand(o, c, k, k)
        s, p = int(stride[1:]), int(pad[1:])
        if op == "conv2d":
            return lambda: torch.nn.functional.conv2d(x, wt, None, s, p)
        x.requires_grad_(True)
        wt.requires_grad_(True)
        g = rand(n, o, (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1)

        def forward_backward():
            x.grad = None
            wt.grad = None
            torch.nn.functional.conv2d(x, wt, None, s, p).backward(g)
            return wt.grad
        return forward_backward
    raise ValueError("unknown op " + op)


def torch_of(x):
    import torch
    return torch.from_numpy(x).contiguous()


def train_step(size):
    import torch
    from torch import nn
    name, batch = size.split(":")
    batch = int(batch)
    torch.manual_seed(42)
    if name == "mlp":
        net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
        x = torch.rand(batch, 784)
    elif name == "lenet":
        net = nn.Sequential(nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                            nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                            nn.Linear(64 * 7 * 7, 1024), nn.ReLU(), nn.Linear(1024, 10))
        x = torch.rand(batch, 1, 28, 28)
    else:
        net = nn.Sequential(nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                            nn.Conv2d(16, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                            nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Dropout(0.25), nn.Linear(128, 10))
        x = torch.rand(batch, 1, 28, 28)
    y = torch.randint(0, 10, (batch,))
    if name == "cnn-infer":
        net.eval()

        def infer():
            with torch.no_grad():
                net(x)
        return infer
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)

    def step():
        opt.zero_grad()
        nn.functional.cross_entropy(net(x), y).backward()
        opt.step()
    return step


def timed(call, reps, warmup_seconds):
    start = time.perf_counter()
    calls = 0
    while calls < 3 or (time.perf_counter() - start < warmup_seconds and calls < 200):
        call()
        calls += 1
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        call()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    mid = len(times) // 2
    return times[mid] if len(times) % 2 else (times[mid - 1] + times[mid]) / 2


if __name__ == "__main__":
    main()
