"""The PyTorch side of bench/compare_training.sh: the same two models and the same timed loop as
dev.sinapsis.bench.TrainThroughput (forward, cross-entropy, backward, Adam on a fixed random
batch). Prints one JSON line.  Usage: python3 train_throughput.py mlp|cnn [batch] [steps] [threads]
"""
import json
import sys
import time

import torch
from torch import nn


def model(name):
    if name == "mlp":
        return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    return nn.Sequential(nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Dropout(0.25), nn.Linear(128, 10))


def main():
    name = sys.argv[1]
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 128
    steps = int(sys.argv[3]) if len(sys.argv) > 3 else (300 if name == "mlp" else 60)
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    torch.set_num_threads(threads)
    torch.manual_seed(42)
    net = model(name)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    x = torch.rand(batch, 784) if name == "mlp" else torch.rand(batch, 1, 28, 28)
    y = torch.randint(0, 10, (batch,))

    def step():
        opt.zero_grad()
        loss = nn.functional.cross_entropy(net(x), y)
        loss.backward()
        opt.step()

    for _ in range(max(5, steps // 3)):
        step()
    t0 = time.perf_counter()
    for _ in range(steps):
        step()
    seconds = time.perf_counter() - t0
    print(json.dumps({"bench": "train", "model": name, "impl": "pytorch-%s" % torch.__version__, "batch": batch,
                      "threads": torch.get_num_threads(), "steps": steps,
                      "ms_per_step": round(seconds * 1000 / steps, 3),
                      "samples_per_sec": round(steps * batch / seconds, 1)}))


if __name__ == "__main__":
    main()
