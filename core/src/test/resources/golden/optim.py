"""Golden fixtures for dev.sinapsis.optim: optimizer steps, LR schedules, gradient clipping
(optim.txt) and the MLP acceptance runs (optim_mlp.txt).

Run:  /usr/bin/python3 core/src/test/resources/golden/optim.py   (torch 1.13)
Everything is float64 except the *_f32 MLP runs. PyTorch has no LARS; it is written below in plain
torch ops from You et al. 2017, Algorithm 1 (with eps), as dev.sinapsis.optim.LARS documents.
"""
import math
import os

import torch
from golden import write

HERE = os.path.dirname(os.path.abspath(__file__))
torch.set_default_dtype(torch.float64)


class LARS:
    """local_lr = eta*||w|| / (||g|| + wd*||w|| + eps) (1 if a norm is 0); v = m*v + lr*local_lr*(g + wd*w); w -= v."""

    def __init__(self, params, lr, momentum=0.9, weight_decay=0.0, eta=0.001, eps=1e-8):
        self.params = list(params)
        self.lr, self.m, self.wd, self.eta, self.eps = lr, momentum, weight_decay, eta, eps
        self.v = {}

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    @torch.no_grad()
    def step(self):
        for p in self.params:
            if p.grad is None:
                continue
            g = p.grad
            wn = p.norm()
            gn = g.norm()
            if wn > 0 and gn > 0:
                local = self.eta * wn / (gn + self.wd * wn + self.eps)
            else:
                local = torch.tensor(1.0, dtype=p.dtype)
            v = self.v.get(p)
            if v is None:
                v = torch.zeros_like(p)
                self.v[p] = v
            v.mul_(self.m).add_((g + self.wd * p) * (local * self.lr))
            p.sub_(v)


O = torch.optim
# name -> factory(params [w, b, c]); the Java test has the same table
STEP_CONFIGS = {
    "sgd": lambda p: O.SGD(p, lr=0.1),
    "sgd_momentum": lambda p: O.SGD(p, lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01),
    "sgd_nesterov": lambda p: O.SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01),
    "adagrad": lambda p: O.Adagrad(p, lr=0.1, lr_decay=0.01, weight_decay=0.01, initial_accumulator_value=0.1),
    "rmsprop": lambda p: O.RMSprop(p, lr=0.01),
    "rmsprop_centered_momentum": lambda p: O.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-6, weight_decay=0.01,
                                                     momentum=0.9, centered=True),
    "adam": lambda p: O.Adam(p, lr=0.01),
    "adam_amsgrad_wd": lambda p: O.Adam(p, lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1, amsgrad=True),
    "adamw": lambda p: O.AdamW(p, lr=0.01),
    "adamw_amsgrad": lambda p: O.AdamW(p, lr=0.01, weight_decay=0.1, amsgrad=True),
    "lars": lambda p: LARS(p, lr=0.5, momentum=0.9, weight_decay=0.01, eta=0.02),
    "sgd_groups": lambda p: O.SGD([{"params": [p[0]], "lr": 0.1, "momentum": 0.9},
                                   {"params": [p[1], p[2]], "weight_decay": 0.1}], lr=0.05),
    "adam_groups": lambda p: O.Adam([{"params": [p[0]], "amsgrad": True},
                                     {"params": [p[1], p[2]], "lr": 0.003, "betas": (0.5, 0.9)}], lr=0.02),
    "adam_steplr": lambda p: O.Adam(p, lr=0.05),
}
STEPS = 5
SKIP_B_AT = 2  # b has no gradient at this step: it must be skipped and its step count not advanced


def step_fixtures(out):
    gen = torch.Generator().manual_seed(1234)
    init = {"w": torch.randn(3, 4, generator=gen), "b": torch.randn(4, generator=gen),
            "c": torch.randn(2, generator=gen)}
    # grads of varying size so that amsgrad's running max matters
    grads = []
    for k in range(STEPS):
        scale = [1.0, 3.0, 0.5, 2.0, 0.2][k]
        grads.append({"w": torch.randn(3, 4, generator=gen) * scale, "b": torch.randn(4, generator=gen) * scale})
    for n, t in init.items():
        out["init." + n] = t
    for k, g in enumerate(grads):
        out["grad.%d.w" % k] = g["w"]
        if k != SKIP_B_AT:
            out["grad.%d.b" % k] = g["b"]
    for name, make in STEP_CONFIGS.items():
        w, b, c = (init[n].clone().requires_grad_(True) for n in "wbc")
        opt = make([w, b, c])
        sched = O.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5) if name == "adam_steplr" else None
        for k, g in enumerate(grads):
            opt.zero_grad()
            w.grad = g["w"].clone()
            b.grad = None if k == SKIP_B_AT else g["b"].clone()
            opt.step()
            if sched:
                sched.step()
            out["%s.%d.w" % (name, k)] = w.detach().clone()
            out["%s.%d.b" % (name, k)] = b.detach().clone()
        assert torch.equal(c, init["c"]), name


def schedule_fixtures(out):
    def opt():
        p = torch.zeros(1, requires_grad=True)
        q = torch.zeros(1, requires_grad=True)
        return O.SGD([{"params": [p]}, {"params": [q], "lr": 0.02}], lr=0.1)

    S = O.lr_scheduler
    makers = {
        "step": lambda o: S.StepLR(o, step_size=3, gamma=0.5),
        "exponential": lambda o: S.ExponentialLR(o, gamma=0.9),
        "cosine": lambda o: S.CosineAnnealingLR(o, T_max=5, eta_min=0.01),
        "warmup_cosine": lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.25, total_iters=4),
                                                      S.CosineAnnealingLR(o, T_max=6, eta_min=0.001)],
                                                  milestones=[4]),
        "warmup_constant": lambda o: S.LinearLR(o, start_factor=0.25, total_iters=4),
    }
    import warnings
    warnings.simplefilter("ignore")
    for name, make in makers.items():
        o = opt()
        s = make(o)
        seq = []
        for _ in range(13):
            seq.append([grp["lr"] for grp in o.param_groups])
            o.step()
            s.step()
        out["schedule." + name] = torch.tensor(seq)


def clip_fixtures(out):
    gen = torch.Generator().manual_seed(99)
    grads = [torch.randn(3, 4, generator=gen) * 2, torch.randn(5, generator=gen), torch.randn(2, 2, generator=gen) * 0.5]
    for i, g in enumerate(grads):
        out["clip.grad.%d" % i] = g
    cases = {"l2": (1.0, 2.0), "inf": (0.5, math.inf), "l1": (2.0, 1.0), "l3": (1.0, 3.0), "l2_big": (1000.0, 2.0)}
    for name, (max_norm, norm_type) in cases.items():
        ps = [torch.zeros_like(g, requires_grad=True) for g in grads]
        for p, g in zip(ps, grads):
            p.grad = g.clone()
        total = torch.nn.utils.clip_grad_norm_(ps, max_norm, norm_type)
        out["clip.%s.total" % name] = total
        for i, p in enumerate(ps):
            out["clip.%s.%d" % (name, i)] = p.grad
    ps = [torch.zeros_like(g, requires_grad=True) for g in grads]
    for p, g in zip(ps, grads):
        p.grad = g.clone()
    torch.nn.utils.clip_grad_value_(ps, 0.3)
    for i, p in enumerate(ps):
        out["clip.value.%d" % i] = p.grad


# ---------------------------------------------------------------- MLP acceptance runs
MLP_STEPS = 200
MLP_CONFIGS = {
    "sgd": lambda p: O.SGD(p, lr=0.1),
    "sgd_nesterov": lambda p: O.SGD(p, lr=0.05, momentum=0.9, nesterov=True, weight_decay=1e-4),
    "adagrad": lambda p: O.Adagrad(p, lr=0.1),
    "rmsprop": lambda p: O.RMSprop(p, lr=0.003),
    "rmsprop_centered_momentum": lambda p: O.RMSprop(p, lr=0.002, momentum=0.5, centered=True),
    "adam": lambda p: O.Adam(p, lr=0.01),
    "adam_amsgrad": lambda p: O.Adam(p, lr=0.01, amsgrad=True),
    "adamw": lambda p: O.AdamW(p, lr=0.01, weight_decay=0.01),
    "lars": lambda p: LARS(p, lr=0.5, momentum=0.8, weight_decay=1e-4, eta=0.02),
}


def mlp_loss(params, x, y):
    w1, b1, w2, b2 = params
    return (x.matmul(w1.t()).add(b1).tanh().matmul(w2.t()).add(b2) - y).square().mean()


def mlp_fixtures(out):
    gen = torch.Generator().manual_seed(7)
    x = torch.rand(64, 2, generator=gen) * 2 - 1
    y = (torch.sin(math.pi * x[:, :1]) * x[:, 1:] + 0.5 * x[:, :1] * x[:, :1])
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.Tanh(), torch.nn.Linear(16, 1)).float()
    init = [t.detach().to(torch.float64) for t in (net[0].weight, net[0].bias, net[2].weight, net[2].bias)]
    out["mlp.x"], out["mlp.y"] = x, y
    for n, t in zip(("w1", "b1", "w2", "b2"), init):
        out["mlp.init." + n] = t
    out["mlp.initial_loss"] = mlp_loss(init, x, y)
    for name, make in MLP_CONFIGS.items():
        for dtype, suffix in ((torch.float64, ""), (torch.float32, "_f32")):
            params = [t.clone().to(dtype).requires_grad_(True) for t in init]
            xs, ys = x.to(dtype), y.to(dtype)
            opt = make(params)
            losses = []
            for _ in range(MLP_STEPS):
                opt.zero_grad()
                loss = mlp_loss(params, xs, ys)
                losses.append(loss.item())
                loss.backward()
                opt.step()
            with torch.no_grad():
                final = mlp_loss(params, xs, ys).item()
            out["mlp.%s.final_loss%s" % (name, suffix)] = final
            if suffix == "":
                out["mlp.%s.losses" % name] = torch.tensor(losses)
            print("%-28s %-8s initial %.6f final %.8f" % (name, dtype, losses[0], final))


if __name__ == "__main__":
    out = {}
    step_fixtures(out)
    schedule_fixtures(out)
    clip_fixtures(out)
    write(os.path.join(HERE, "optim.txt"), out, "optim.py")
    mlp = {}
    mlp_fixtures(mlp)
    write(os.path.join(HERE, "optim_mlp.txt"), mlp, "optim.py")
