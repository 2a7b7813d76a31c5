"""Golden fixture for the convolution, pooling, upsampling and batch-norm layers: nn_conv.txt.

Run:  /usr/bin/python3 core/src/test/resources/golden/nn_conv.py
Parameters, inputs and projection weights r are drawn in float32 (so Java's F32 parameters hold
them exactly); every forward and backward is then computed in float64. For each case PREFIX the
fixture stores PREFIX.x, the parameters, PREFIX.r, PREFIX.out and the gradients PREFIX.grad_* of
sum(out * r). Layer settings are fixed in the Java test (dev.sinapsis.nn.*Contract) to match.
"""
import os

import torch
import torch.nn as nn

from golden import write

HERE = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(1234)
T = {}


def randn(*shape, shift=0.0):
    return (torch.randn(*shape) + shift).double()


def run(prefix, module, x, extra=None):
    """Forward in float64, backward of sum(out * r); stores x, params, r, out and grads."""
    module = module.double()
    x = x.clone().requires_grad_(True)
    for name, p in module.named_parameters():
        T["%s.%s" % (prefix, name)] = p
    out = module(x) if extra is None else extra(module, x)
    r = randn(*out.shape)
    (out * r).sum().backward()
    T[prefix + ".x"] = x
    T[prefix + ".r"] = r
    T[prefix + ".out"] = out
    T[prefix + ".grad_x"] = x.grad.clone()
    for name, p in module.named_parameters():
        T["%s.grad_%s" % (prefix, name)] = p.grad.clone()
    return out


# Conv2d: (prefix, module, input shape)
run("conv_s2p1", nn.Conv2d(3, 4, 3, stride=2, padding=1), randn(2, 3, 9, 7))
run("conv_d2p2", nn.Conv2d(2, 3, 3, padding=2, dilation=2), randn(2, 2, 8, 9))
run("conv_rect", nn.Conv2d(3, 2, (2, 3), stride=(2, 1), padding=(1, 0), bias=False), randn(1, 3, 7, 6))
run("conv_mixed", nn.Conv2d(2, 3, (3, 1), stride=(1, 2), padding=(0, 1), dilation=(2, 1)), randn(2, 2, 9, 5))

# ConvTranspose2d
run("convt_s2p1op1", nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1, output_padding=1), randn(2, 3, 4, 5))
run("convt_rect", nn.ConvTranspose2d(2, 3, (3, 2), stride=(2, 3), padding=(1, 0), output_padding=(1, 2),
                                     dilation=(1, 2), bias=False), randn(1, 2, 3, 4))

# MaxPool2d (indices stored too); mostly negative inputs so a zero pad would win if it could
def pool_with_indices(prefix, pool, x):
    def f(m, inp):
        out, idx = m(inp)
        T[prefix + ".indices"] = idx
        return out
    run(prefix, pool, x, f)


pool_with_indices("maxpool_k2s2", nn.MaxPool2d(2, 2, return_indices=True), randn(2, 3, 6, 7))
pool_with_indices("maxpool_k3s2p1", nn.MaxPool2d(3, 2, padding=1, return_indices=True), randn(2, 2, 7, 8, shift=-3))
pool_with_indices("maxpool_k2d2", nn.MaxPool2d(2, 1, dilation=2, return_indices=True), randn(1, 2, 6, 5))

# AvgPool2d
run("avgpool_k3s2p1", nn.AvgPool2d(3, 2, padding=1), randn(2, 3, 7, 6))
run("avgpool_k3s2p1_nopad", nn.AvgPool2d(3, 2, padding=1, count_include_pad=False), randn(2, 3, 7, 6))
run("avgpool_k2", nn.AvgPool2d(2), randn(1, 2, 5, 6))

# MaxUnpool2d: pool (k2 s2) then unpool; gradients with respect to the pooled values
for prefix, shape in (("unpool_even", (1, 2, 6, 6)), ("unpool_odd", (2, 2, 7, 7))):
    src = randn(*shape)
    pooled, idx = nn.functional.max_pool2d(src, 2, 2, return_indices=True)
    T[prefix + ".indices"] = idx
    run(prefix, nn.MaxUnpool2d(2, 2), pooled, lambda m, inp: m(inp, idx, output_size=shape[2:]))

# Upsample nearest
run("upsample_x2", nn.Upsample(scale_factor=2, mode="nearest"), randn(2, 3, 3, 4))
run("upsample_x3", nn.Upsample(scale_factor=3, mode="nearest"), randn(1, 2, 2, 3))


# BatchNorm: two training steps (outputs, grads, running stats), then evaluation
def batchnorm(prefix, bn, shape):
    with torch.no_grad():
        bn.weight.copy_(torch.rand(bn.num_features) + 0.5)
        bn.bias.copy_(torch.randn(bn.num_features))
    bn = bn.double()
    T[prefix + ".weight"] = bn.weight.detach().clone()
    T[prefix + ".bias"] = bn.bias.detach().clone()
    bn.train()
    for step in (1, 2):
        x = randn(*shape, shift=1.5).requires_grad_(True)
        bn.zero_grad()
        out = bn(x)
        r = randn(*out.shape)
        (out * r).sum().backward()
        for k, v in (("x", x), ("r", r), ("out", out), ("grad_x", x.grad), ("grad_weight", bn.weight.grad.clone()),
                     ("grad_bias", bn.bias.grad.clone())):
            T["%s.train%d.%s" % (prefix, step, k)] = v
    T[prefix + ".running_mean"] = bn.running_mean.clone()
    T[prefix + ".running_var"] = bn.running_var.clone()
    T[prefix + ".num_batches_tracked"] = bn.num_batches_tracked.clone()
    # (grads are cloned above: zero_grad() zeroes them in place)
    # evaluation uses running statistics rounded to float32, as Java's F32 buffers hold them
    with torch.no_grad():
        bn.running_mean.copy_(bn.running_mean.float().double())
        bn.running_var.copy_(bn.running_var.float().double())
    T[prefix + ".eval.running_mean"] = bn.running_mean.clone()
    T[prefix + ".eval.running_var"] = bn.running_var.clone()
    bn.eval()
    bn.zero_grad()
    x = randn(*shape, shift=1.5).requires_grad_(True)
    out = bn(x)
    r = randn(*out.shape)
    (out * r).sum().backward()
    for k, v in (("x", x), ("r", r), ("out", out), ("grad_x", x.grad), ("grad_weight", bn.weight.grad.clone()),
                 ("grad_bias", bn.bias.grad.clone())):
        T["%s.eval.%s" % (prefix, k)] = v


batchnorm("bn1d_nc", nn.BatchNorm1d(4), (8, 4))
batchnorm("bn1d_ncl", nn.BatchNorm1d(3), (4, 3, 5))
batchnorm("bn2d", nn.BatchNorm2d(3), (4, 3, 5, 6))

write(os.path.join(HERE, "nn_conv.txt"), T, "nn_conv.py")
