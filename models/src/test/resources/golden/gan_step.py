"""Golden fixture gan_step.txt for dev.sinapsis.models.gan.GanStepGoldenTest.

Run:  /usr/bin/python3 models/src/test/resources/golden/gan_step.py   (torch 1.13)
Three small GANs (MLP, DCGAN, DCGAN with the refinement blocks) built like dev.sinapsis.models.gan (same module names, so the state dicts map one to
one), trained for two steps of the non-saturating loss from the same weights and data:
  fake = G(z); D step: BCE(D(x), 1 - s) + BCE(D(fake.detach()), 0); G step: BCE(D(fake), 1)
with D's parameters frozen during the G step, Adam(lr 2e-4, betas (0.5, 0.999)) for each, one-sided
label smoothing s = 0.1. Float32 like the Java models. For every step: both losses, mean D(x) and
D(G(z)), the gradient of every parameter of both networks; after the steps: every state-dict entry.
"""
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "..", "core", "src", "test", "resources", "golden"))
from golden import write  # noqa: E402

SMOOTH = 0.1
out = {}


class Wrap(nn.Module):
    def __init__(self, net, post):
        super().__init__()
        self.net = net
        self.post = post

    def forward(self, x):
        return self.post(self.net, x)


def mlp_pair():
    # batch norms with eps 0.8, as dev.sinapsis.models.gan.MlpGenerator.BN_EPS
    g = Wrap(nn.Sequential(nn.Linear(8, 16, bias=False), nn.BatchNorm1d(16, eps=0.8), nn.LeakyReLU(0.2),
                           nn.Linear(16, 32, bias=False),
                           nn.BatchNorm1d(32, eps=0.8), nn.LeakyReLU(0.2), nn.Linear(32, 16)),
             lambda net, z: net(z).tanh().reshape(z.shape[0], 1, 4, 4))
    d = Wrap(nn.Sequential(nn.Flatten(), nn.Linear(16, 32), nn.LeakyReLU(0.2), nn.Linear(32, 16), nn.LeakyReLU(0.2),
                           nn.Linear(16, 1)), lambda net, x: net(x).reshape(x.shape[0]))
    return g, d, 8, (1, 4, 4), 6


def dcgan_pair():
    lat, f = 4, 2
    g = Wrap(nn.Sequential(nn.ConvTranspose2d(lat, 2 * f, 2, 1, 0, bias=False), nn.BatchNorm2d(2 * f), nn.ReLU(),
                           nn.ConvTranspose2d(2 * f, f, 4, 2, 1, bias=False), nn.BatchNorm2d(f), nn.ReLU(),
                           nn.ConvTranspose2d(f, 1, 4, 2, 1)),
             lambda net, z: net(z.reshape(z.shape[0], lat, 1, 1)).tanh())
    d = Wrap(nn.Sequential(nn.Conv2d(1, f, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(f, 2 * f, 4, 2, 1, bias=False),
                           nn.BatchNorm2d(2 * f), nn.LeakyReLU(0.2), nn.Conv2d(2 * f, 1, 2, 1, 0)),
             lambda net, x: net(x).reshape(x.shape[0]))
    return g, d, lat, (1, 8, 8), 4


def dcgan_refined_pair():
    # with GanSpec.refine: a stride-1 3x3 block after each of G's first two stages and after D's second
    lat, f = 4, 2
    g = Wrap(nn.Sequential(nn.ConvTranspose2d(lat, 2 * f, 2, 1, 0, bias=False), nn.BatchNorm2d(2 * f), nn.ReLU(),
                           nn.ConvTranspose2d(2 * f, 2 * f, 3, 1, 1, bias=False), nn.BatchNorm2d(2 * f), nn.ReLU(),
                           nn.ConvTranspose2d(2 * f, f, 4, 2, 1, bias=False), nn.BatchNorm2d(f), nn.ReLU(),
                           nn.ConvTranspose2d(f, f, 3, 1, 1, bias=False), nn.BatchNorm2d(f), nn.ReLU(),
                           nn.ConvTranspose2d(f, 1, 4, 2, 1)),
             lambda net, z: net(z.reshape(z.shape[0], lat, 1, 1)).tanh())
    d = Wrap(nn.Sequential(nn.Conv2d(1, f, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(f, 2 * f, 4, 2, 1, bias=False),
                           nn.BatchNorm2d(2 * f), nn.LeakyReLU(0.2),
                           nn.Conv2d(2 * f, 2 * f, 3, 1, 1, bias=False), nn.BatchNorm2d(2 * f), nn.LeakyReLU(0.2),
                           nn.Conv2d(2 * f, 1, 2, 1, 0)),
             lambda net, x: net(x).reshape(x.shape[0]))
    return g, d, lat, (1, 8, 8), 4


def run(name, pair, seed):
    torch.manual_seed(seed)
    g, d, lat, img, n = pair()
    for prefix, m in (("g", g), ("d", d)):
        for k, v in m.state_dict().items():
            out["%s.init.%s.%s" % (name, prefix, k)] = v.detach().clone()  # state_dict() aliases the live tensors
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    for step in range(2):
        real = torch.rand(n, *img) * 2 - 1
        z = torch.randn(n, lat)
        out["%s.%d.real" % (name, step)] = real
        out["%s.%d.z" % (name, step)] = z
        fake = g(z)
        opt_d.zero_grad()
        rl = d(real)
        fl = d(fake.detach())
        loss_d = F.binary_cross_entropy_with_logits(rl, torch.full_like(rl, 1 - SMOOTH)) \
            + F.binary_cross_entropy_with_logits(fl, torch.zeros_like(fl))
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad()
        for p in d.parameters():
            p.requires_grad_(False)
        gl = d(fake)
        loss_g = F.binary_cross_entropy_with_logits(gl, torch.ones_like(gl))
        loss_g.backward()
        opt_g.step()
        for p in d.parameters():
            p.requires_grad_(True)
        out["%s.%d.loss_d" % (name, step)] = loss_d
        out["%s.%d.loss_g" % (name, step)] = loss_g
        out["%s.%d.d_real" % (name, step)] = rl.sigmoid().mean()
        out["%s.%d.d_fake" % (name, step)] = fl.sigmoid().mean()
        for prefix, m in (("g", g), ("d", d)):
            for k, p in m.named_parameters():
                out["%s.%d.grad.%s.%s" % (name, step, prefix, k)] = p.grad.detach().clone()
    for prefix, m in (("g", g), ("d", d)):
        for k, v in m.state_dict().items():
            out["%s.final.%s.%s" % (name, prefix, k)] = v


run("mlp", mlp_pair, 3)
run("dcgan", dcgan_pair, 4)
run("dcgan_refined", dcgan_refined_pair, 5)
write(os.path.join(HERE, "gan_step.txt"), out, comment="gan_step.py")
print(len(out), "tensors")
