"""Golden fixture fid.txt for dev.sinapsis.models.quality.FrechetDistanceTest.

Run:  /usr/bin/python3 models/src/test/resources/golden/fid.py   (torch 1.13)
Two sets of 12-dimensional features (60 and 45 rows, correlated, different means); the squared
Frechet distance computed the textbook way, Tr((S1 S2)^1/2) as the sum of the square roots of
the eigenvalues of the non-symmetric S1 S2 (torch.linalg.eigvals, LAPACK geev), not the symmetric
route the Java code takes.
"""
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "..", "core", "src", "test", "resources", "golden"))
from golden import write  # noqa: E402

torch.manual_seed(11)
D = 12
a = torch.randn(60, D, dtype=torch.float64) @ torch.randn(D, D, dtype=torch.float64) + 0.5
b = torch.randn(45, D, dtype=torch.float64) @ torch.randn(D, D, dtype=torch.float64) * 0.7 - 0.2


def stats(x):
    return x.mean(0), torch.cov(x.T)  # unbiased, N - 1


ma, sa = stats(a)
mb, sb = stats(b)
eig = torch.linalg.eigvals(sa @ sb)
tr_sqrt = torch.sqrt(eig).real.sum()
d2 = ((ma - mb) ** 2).sum() + torch.trace(sa) + torch.trace(sb) - 2 * tr_sqrt
write(os.path.join(HERE, "fid.txt"), {
    "fid.a": a, "fid.b": b, "fid.mean_a": ma, "fid.cov_a": sa, "fid.d2": d2,
}, comment="fid.py")
print("d2 =", float(d2), "max |imag sqrt eig| =", float(torch.sqrt(eig).imag.abs().max()))
