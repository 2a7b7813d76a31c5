"""The PyTorch side of bench/compare_training.sh: the same models and the same timed loop as
dev.sinapsis.bench.TrainThroughput (forward, cross-entropy, backward, Adam on a fixed random
batch). Prints one JSON line.
Usage: python3 train_throughput.py mlp|cnn|lstm [batch] [steps] [threads] [sequence length]
The lstm model runs with flush-to-zero on (torch.set_flush_denormal(True)), PyTorch's best case.
"""
import json
import sys
import time

import torch
from torch import nn


class LstmClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(20000, 128)
        self.lstm = nn.LSTM(128, 128, batch_first=True)
        self.head = nn.Linear(128, 2)

    def forward(self, tokens):
        _, (h, _) = self.lstm(self.embedding(tokens))
        return self.head(h[0])


def model(name):
    if name == "lstm":
        return LstmClassifier()
    if name == "mlp":
        return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    return nn.Sequential(nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Dropout(0.25), nn.Linear(128, 10))


def main():
    name = sys.argv[1]
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 128
    steps = int(sys.argv[3]) if len(sys.argv) > 3 else {"mlp": 300, "cnn": 60}.get(name, 10)
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    seq = int(sys.argv[5]) if len(sys.argv) > 5 else 200
    torch.set_num_threads(threads)
    if name == "lstm":
        torch.set_flush_denormal(True)
    torch.manual_seed(42)
    net = model(name)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    if name == "lstm":
        x = torch.randint(0, 20000, (batch, seq))
        y = torch.randint(0, 2, (batch,))
    else:
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
    extra = {"seq": seq, "flush_denormal": True} if name == "lstm" else {}
    print(json.dumps({"bench": "train", "model": name, "impl": "pytorch-%s" % torch.__version__, "batch": batch,
                      "threads": torch.get_num_threads(), **extra, "steps": steps,
                      "ms_per_step": round(seconds * 1000 / steps, 3),
                      "samples_per_sec": round(steps * batch / seconds, 1)}))


if __name__ == "__main__":
    main()
