"""Golden fits for the regression examples (models: dev.sinapsis.examples.regression).

Writes regression.txt: a linear data set with PyTorch's least-squares solution
(torch.linalg.lstsq), and a two-class logistic data set with the maximum-likelihood weights
found by L-BFGS in float64. Run with Debian's python3-torch (1.13):
    /usr/bin/python3 models/src/test/resources/golden/regression.py
"""
import os
import sys

import torch

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "..", "..", "core", "src", "test", "resources", "golden"))
import golden  # noqa: E402

torch.manual_seed(20240611)
dt = torch.float64

# linear: y = 1.5 x + 4 + N(0, 1.5^2), x uniform in [0, 10)
n = 100
x_lin = torch.rand(n, 1, dtype=dt) * 10
y_lin = 1.5 * x_lin[:, 0] + 4 + 1.5 * torch.randn(n, dtype=dt)
a = torch.cat([x_lin, torch.ones(n, 1, dtype=dt)], dim=1)
sol = torch.linalg.lstsq(a, y_lin.unsqueeze(1)).solution[:, 0]

# logistic: two unit-variance Gaussian classes centred at -(1, 0.5) and (1, 0.5)
m = 100
centre = torch.tensor([1.0, 0.5], dtype=dt)
x_log = torch.cat([torch.randn(m, 2, dtype=dt) - centre, torch.randn(m, 2, dtype=dt) + centre])
y_log = torch.cat([torch.zeros(m, dtype=dt), torch.ones(m, dtype=dt)])
w = torch.zeros(2, dtype=dt, requires_grad=True)
b = torch.zeros((), dtype=dt, requires_grad=True)
opt = torch.optim.LBFGS([w, b], lr=1, max_iter=1000, tolerance_grad=1e-14, tolerance_change=1e-16,
                        line_search_fn="strong_wolfe")


def closure():
    opt.zero_grad()
    loss = torch.nn.functional.binary_cross_entropy_with_logits(x_log @ w + b, y_log)
    loss.backward()
    return loss


opt.step(closure)
loss = torch.nn.functional.binary_cross_entropy_with_logits(x_log @ w + b, y_log)
grad = torch.autograd.grad(loss, [w, b])
assert max(g.abs().max().item() for g in grad) < 1e-8, grad  # weights to about 1e-8

golden.write(os.path.join(here, "regression.txt"), {
    "linear_x": x_lin, "linear_y": y_lin, "linear_weights": sol,
    "logistic_x": x_log, "logistic_y": y_log,
    "logistic_weights": torch.cat([w.detach(), b.detach().reshape(1)]),
    "logistic_loss": loss.detach(),
}, comment="models/src/test/resources/golden/regression.py")
