"""Golden values for the dense layers, activations and losses (dev.sinapsis.nn DenseLayers/
Activations/Losses contracts). Run:  /usr/bin/python3 core/src/test/resources/golden/nn_dense.py

Every case NAME stores its inputs (NAME.x, parameters NAME.weight ...), the output NAME.out, the
projection weights NAME.w and the gradients NAME.g<input> of sum(out * w). All in float64.
"""
import os
import torch
import torch.nn.functional as F
from golden import write

torch.manual_seed(1234)
torch.set_default_dtype(torch.float64)
T = {}


def case(name, fn, inputs, grads=True):
    """inputs: dict name -> tensor; floating ones are differentiated (when grads)."""
    leaves = {}
    for k, v in inputs.items():
        v = v.detach().clone()
        if grads and v.is_floating_point():
            v.requires_grad_(True)
        leaves[k] = v
        T["%s.%s" % (name, k)] = v
    out = fn(**leaves)
    w = torch.randn(out.shape)
    T[name + ".out"] = out
    T[name + ".w"] = w
    if grads:
        (out * w).sum().backward()
        for k, v in leaves.items():
            if v.is_floating_point():
                T["%s.g%s" % (name, k)] = v.grad if v.grad is not None else torch.zeros_like(v)


x = torch.randn(4, 5) * 3
x[0, 0] = 25.0   # beyond softplus threshold
x[0, 1] = -7.5   # deep gelu tail
big = torch.tensor([[1000.0, -1000.0, 0.0, 999.0], [-1000.0, -1000.0, -999.5, -1000.0], [1.0, 2.0, 3.0, 4.0]])

case("relu", lambda x: F.relu(x), {"x": x})
case("leaky_relu", lambda x: F.leaky_relu(x, 0.1), {"x": x})
case("elu", lambda x: F.elu(x, 0.7), {"x": x})
case("sigmoid", lambda x: torch.sigmoid(x), {"x": x})
case("tanh", lambda x: torch.tanh(x), {"x": x})
case("softplus", lambda x: F.softplus(x), {"x": x})
case("softplus_b2", lambda x: F.softplus(x, beta=2.0, threshold=5.0), {"x": x})
case("gelu", lambda x: F.gelu(x), {"x": x})
case("gelu_tanh", lambda x: F.gelu(x, approximate="tanh"), {"x": x})
case("softmax1", lambda x: F.softmax(x, dim=1), {"x": x})
case("softmax0", lambda x: F.softmax(x, dim=0), {"x": x})
case("log_softmax1", lambda x: F.log_softmax(x, dim=1), {"x": x})
case("log_softmax_big", lambda x: F.log_softmax(x, dim=1), {"x": big})
case("softmax_big", lambda x: F.softmax(x, dim=1), {"x": big})

# layers: parameters are inputs of the function, so their gradients are stored too
case("linear", lambda x, weight, bias: F.linear(x, weight, bias),
     {"x": torch.randn(3, 4), "weight": torch.randn(5, 4) * 0.5, "bias": torch.randn(5)})
case("linear3d", lambda x, weight, bias: F.linear(x, weight, bias),
     {"x": torch.randn(2, 3, 4), "weight": torch.randn(5, 4) * 0.5, "bias": torch.randn(5)})
case("linear_nobias", lambda x, weight: F.linear(x, weight),
     {"x": torch.randn(3, 4), "weight": torch.randn(2, 4)})
case("maxout", lambda x, weight, bias: F.linear(x, weight, bias).view(3, 3, 2).max(-1).values,
     {"x": torch.randn(3, 4), "weight": torch.randn(6, 4), "bias": torch.randn(6)})
case("layer_norm", lambda x, weight, bias: F.layer_norm(x, (3, 4), weight, bias, 1e-5),
     {"x": torch.randn(2, 3, 4) * 2 + 1, "weight": torch.randn(3, 4), "bias": torch.randn(3, 4)})
case("layer_norm_plain", lambda x: F.layer_norm(x, (4,), None, None, 1e-5), {"x": torch.randn(3, 4)})
emb_idx = torch.tensor([[0, 2, 5, 2], [1, 1, 3, 4]])
case("embedding", lambda weight, idx: F.embedding(idx, weight, padding_idx=2),
     {"weight": torch.randn(6, 3), "idx": emb_idx})

# losses
p = torch.sigmoid(torch.randn(4, 3))
y = torch.rand(4, 3)
case("mse_mean", lambda x, y: F.mse_loss(x, y), {"x": torch.randn(4, 3), "y": torch.randn(4, 3)})
case("mse_sum", lambda x, y: F.mse_loss(x, y, reduction="sum"), {"x": torch.randn(4, 3), "y": torch.randn(4, 3)})
case("bce_mean", lambda x, y: F.binary_cross_entropy(x, y), {"x": p, "y": y})
case("bce_none", lambda x, y: F.binary_cross_entropy(x, y, reduction="none"), {"x": p, "y": y})
logits = torch.randn(4, 3) * 2
logits[0, 0], logits[1, 1], logits[2, 2] = 1000.0, -1000.0, 0.0
case("bce_logits_mean", lambda x, y: F.binary_cross_entropy_with_logits(x, y), {"x": logits, "y": y})
case("bce_logits_none", lambda x, y: F.binary_cross_entropy_with_logits(x, y, reduction="none"),
     {"x": logits, "y": y})

ce_logits = torch.randn(6, 4) * 2
ce_logits[0] = torch.tensor([1000.0, -1000.0, 0.0, 5.0])
ce_t = torch.tensor([0, 3, 2, 1, 2, 1])
case("ce_mean", lambda x, t: F.cross_entropy(x, t), {"x": ce_logits, "t": ce_t})
case("ce_sum", lambda x, t: F.cross_entropy(x, t, reduction="sum"), {"x": ce_logits, "t": ce_t})
case("ce_none", lambda x, t: F.cross_entropy(x, t, reduction="none"), {"x": ce_logits, "t": ce_t})
case("ce_smooth_ignore", lambda x, t: F.cross_entropy(x, t, ignore_index=2, label_smoothing=0.1),
     {"x": ce_logits, "t": ce_t})
case("ce_smooth_ignore_sum", lambda x, t: F.cross_entropy(x, t, ignore_index=2, label_smoothing=0.1,
                                                          reduction="sum"), {"x": ce_logits, "t": ce_t})
case("ce_smooth_ignore_none", lambda x, t: F.cross_entropy(x, t, ignore_index=2, label_smoothing=0.1,
                                                           reduction="none"), {"x": ce_logits, "t": ce_t})
case("ce_ignore_default", lambda x, t: F.cross_entropy(x, t), {"x": ce_logits,
                                                              "t": torch.tensor([0, -100, 2, 1, -100, 1])})
case("ce_spatial", lambda x, t: F.cross_entropy(x, t, label_smoothing=0.2),
     {"x": torch.randn(2, 4, 3), "t": torch.tensor([[0, 3, 1], [2, 2, 0]])})
logp = F.log_softmax(torch.randn(5, 3), dim=1)
nll_t = torch.tensor([0, 2, 1, 1, 2])
case("nll_mean", lambda x, t: F.nll_loss(x, t), {"x": logp, "t": nll_t})
case("nll_ignore", lambda x, t: F.nll_loss(x, t, ignore_index=1), {"x": logp, "t": nll_t})
case("nll_none", lambda x, t: F.nll_loss(x, t, ignore_index=1, reduction="none"), {"x": logp, "t": nll_t})

write(os.path.join(os.path.dirname(os.path.abspath(__file__)), "nn_dense.txt"), T, "nn_dense.py")
