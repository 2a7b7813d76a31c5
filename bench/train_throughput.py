"""The PyTorch side of bench/compare_training.sh: the same models and the same timed loop as
dev.sinapsis.bench.TrainThroughput (forward, cross-entropy, backward, Adam on a fixed random
batch; cnn-infer: the cnn network's forward pass in eval mode under torch.no_grad()), and for gan/dcgan as dev.sinapsis.bench.GanThroughput (one discriminator and one generator
update). Prints one JSON line.
Usage: python3 train_throughput.py mlp|cnn|cnn-infer|lenet|lstm|gan|dcgan [batch] [steps] [threads] [sequence length]
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
    if name == "lenet":
        return nn.Sequential(nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                             nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                             nn.Linear(64 * 7 * 7, 1024), nn.ReLU(), nn.Linear(1024, 10))
    return nn.Sequential(nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Dropout(0.25), nn.Linear(128, 10))


def gan_pair(name):
    """The networks of GanThroughput.java (copies of dev.sinapsis.models.gan's defaults)."""
    if name == "gan":
        g = nn.Sequential(nn.Linear(100, 256, bias=False), nn.BatchNorm1d(256, eps=0.8), nn.LeakyReLU(0.2),
                          nn.Linear(256, 512, bias=False),
                          nn.BatchNorm1d(512, eps=0.8), nn.LeakyReLU(0.2), nn.Linear(512, 784), nn.Tanh())
        d = nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.LeakyReLU(0.2), nn.Linear(512, 256), nn.LeakyReLU(0.2),
                          nn.Linear(256, 1))
        return g, d
    g = nn.Sequential(nn.ConvTranspose2d(100, 128, 7, 1, 0, bias=False), nn.BatchNorm2d(128), nn.ReLU(),
                      nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                      nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())
    d = nn.Sequential(nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(64, 128, 4, 2, 1, bias=False),
                      nn.BatchNorm2d(128), nn.LeakyReLU(0.2), nn.Conv2d(128, 1, 7))
    return g, d


def gan_step_fn(name, batch):
    g, d = gan_pair(name)
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    real = torch.rand(batch, 1, 28, 28) * 2 - 1
    z = torch.randn(batch, 100)
    if name == "dcgan":
        z = z.reshape(batch, 100, 1, 1)
    bce = nn.functional.binary_cross_entropy_with_logits

    def step():
        fake = g(z).reshape(batch, 1, 28, 28)
        opt_d.zero_grad()
        rl = d(real).reshape(batch)
        fl = d(fake.detach()).reshape(batch)
        loss_d = bce(rl, torch.ones_like(rl)) + bce(fl, torch.zeros_like(fl))
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad()
        for p in d.parameters():
            p.requires_grad_(False)
        gl = d(fake).reshape(batch)
        bce(gl, torch.ones_like(gl)).backward()
        for p in d.parameters():
            p.requires_grad_(True)
        opt_g.step()
    return step


def main():
    name = sys.argv[1]
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 128
    steps = int(sys.argv[3]) if len(sys.argv) > 3 else {"mlp": 300, "cnn": 60, "cnn-infer": 60, "lenet": 20, "gan": 100, "dcgan": 20}.get(name, 10)
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    seq = int(sys.argv[5]) if len(sys.argv) > 5 else 200
    torch.set_num_threads(threads)
    if name == "lstm":
        torch.set_flush_denormal(True)
    torch.manual_seed(42)
    if name in ("gan", "dcgan"):
        step = gan_step_fn(name, batch)
        time_steps(name, batch, steps, step, {})
        return
    if name == "cnn-infer":
        net = model("cnn").eval()
        x = torch.rand(batch, 1, 28, 28)

        def infer():
            with torch.no_grad():
                net(x)
        time_steps(name, batch, steps, infer, {})
        return
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

    time_steps(name, batch, steps, step, {"seq": seq, "flush_denormal": True} if name == "lstm" else {})


def time_steps(name, batch, steps, step, extra):
    # the same warm-up as the Java timers (bench/.../Warmup.java): at least max(5, steps // 3) steps
    # and at least 2 seconds, then blocks of max(3, that) steps while a block is more than 5 % faster
    # than the one before, up to 30 seconds in all
    start = time.perf_counter()
    until = start + 2.0
    done = 0
    while done < max(5, steps // 3) or time.perf_counter() < until:
        step()
        done += 1
    block = max(3, max(5, steps // 3))
    previous = float("inf")
    while time.perf_counter() - start < 30.0:
        t0 = time.perf_counter()
        for _ in range(block):
            step()
        per_step = (time.perf_counter() - t0) / block
        if per_step > previous * 0.95:
            break
        previous = per_step
    t0 = time.perf_counter()
    for _ in range(steps):
        step()
    seconds = time.perf_counter() - t0
    print(json.dumps({"bench": "train", "model": name, "impl": "pytorch-%s" % torch.__version__, "batch": batch,
                      "threads": torch.get_num_threads(), **extra, "steps": steps,
                      "ms_per_step": round(seconds * 1000 / steps, 3),
                      "samples_per_sec": round(steps * batch / seconds, 1)}))


if __name__ == "__main__":
    main()
