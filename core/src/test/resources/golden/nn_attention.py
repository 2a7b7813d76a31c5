"""Golden values for attention (dev.sinapsis.nn.AttentionContract). Run:
    /usr/bin/python3 core/src/test/resources/golden/nn_attention.py

Every case NAME stores its inputs (NAME.q, NAME.k, ..., masks as 0/1 or additive floats), the output
NAME.out, the attention weights NAME.weights, the projection NAME.w and the gradients NAME.g<input>
of sum(out * w). Module cases store PyTorch's state dict as NAME.sd.<key> and its gradients as
NAME.g.<key>. All in float64.

PyTorch 1.13 has no F.scaled_dot_product_attention, so sdpa() below computes PyTorch 2's definition
explicitly (boolean mask: True = attend; float mask: added; is_causal: lower triangle aligned top-left).
Additive (Bahdanau) attention has no PyTorch module; additive() is the formula v^T tanh(W_q q + W_k k).
"""
import math
import os
import torch
import torch.nn as nn
from golden import write

torch.manual_seed(2024)
torch.set_default_dtype(torch.float64)
T = {}


def sdpa(q, k, v, mask=None, causal=False):
    L, S = q.size(-2), k.size(-2)
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        if mask.dtype == torch.bool:
            scores = scores.masked_fill(~mask, float("-inf"))
        else:
            scores = scores + mask
    if causal:
        scores = scores.masked_fill(~torch.ones(L, S, dtype=torch.bool).tril(), float("-inf"))
    w = torch.softmax(scores, dim=-1)
    return w @ v, w


def store(name, leaves, out, weights, params=None):
    w = torch.randn(out.shape)
    (out * w).sum().backward()
    T[name + ".out"] = out
    if weights is not None:
        T[name + ".weights"] = weights
    T[name + ".w"] = w
    for k, t in leaves.items():
        T["%s.g%s" % (name, k)] = t.grad
    for k, p in (params or {}).items():
        T["%s.g.%s" % (name, k)] = p.grad


def leaves_of(name, inputs):
    out = {}
    for k, t in inputs.items():
        T["%s.%s" % (name, k)] = t
        out[k] = t.detach().clone().requires_grad_(True)
    return out


def mask_entry(name, key, m):
    T["%s.%s" % (name, key)] = m.to(torch.float64) if m.dtype == torch.bool else m
    return m


# ---------------------------------------------------------------- scaled dot-product attention

def sdpa_case(name, shapes, mask=None, causal=False):
    q, k, v = (torch.randn(s) for s in shapes)
    leaves = leaves_of(name, {"q": q, "k": k, "v": v})
    if mask is not None:
        mask_entry(name, "mask", mask)
    out, w = sdpa(leaves["q"], leaves["k"], leaves["v"], mask, causal)
    store(name, leaves, out, w)


sdpa_case("sdpa_plain", [(2, 3, 4), (2, 5, 4), (2, 5, 3)])
bool_mask = torch.rand(2, 1, 3, 5) > 0.4
bool_mask[..., 0] = True  # every query keeps a key
sdpa_case("sdpa_bool", [(2, 2, 3, 4), (2, 2, 5, 4), (2, 2, 5, 3)], mask=bool_mask)
sdpa_case("sdpa_float", [(2, 3, 4), (2, 5, 4), (2, 5, 3)], mask=torch.randn(3, 5))
sdpa_case("sdpa_causal", [(2, 4, 3), (2, 6, 3), (2, 6, 2)], causal=True)
sdpa_case("sdpa_causal_square", [(3, 4), (3, 4), (3, 5)], causal=True)
pad = torch.ones(2, 1, 4, dtype=torch.bool)
pad[1, 0, 3] = False
sdpa_case("sdpa_causal_mask", [(2, 4, 3), (2, 4, 3), (2, 4, 3)], mask=pad, causal=True)


# ---------------------------------------------------------------- multi-head attention

def mha_case(name, e, h, shapes, batch_first=False, kdim=None, vdim=None, bias=True, kpm=None, attn_mask=None,
             average=True, self_attention=False):
    m = nn.MultiheadAttention(e, h, bias=bias, batch_first=batch_first, kdim=kdim, vdim=vdim)
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(torch.randn(p.shape) * 0.5)
    for key, p in m.state_dict().items():
        T["%s.sd.%s" % (name, key)] = p
    if self_attention:
        leaves = leaves_of(name, {"q": torch.randn(shapes[0])})
        q = k = v = leaves["q"]
    else:
        leaves = leaves_of(name, {"q": torch.randn(shapes[0]), "k": torch.randn(shapes[1]),
                                  "v": torch.randn(shapes[2])})
        q, k, v = leaves["q"], leaves["k"], leaves["v"]
    if kpm is not None:
        mask_entry(name, "kpm", kpm)
    if attn_mask is not None:
        mask_entry(name, "attn_mask", attn_mask)
    out, w = m(q, k, v, key_padding_mask=kpm, need_weights=True, attn_mask=attn_mask,
               average_attn_weights=average)
    store(name, leaves, out, w, dict(m.named_parameters()))


mha_case("mha_basic", 6, 2, [(3, 2, 6), (4, 2, 6), (4, 2, 6)])
kpm = torch.tensor([[False, False, True, True], [False, False, False, False]])
causal_mask = ~torch.ones(4, 4, dtype=torch.bool).tril()  # True = may not attend
mha_case("mha_masks", 6, 3, [(2, 4, 6)], batch_first=True, kpm=kpm, attn_mask=causal_mask, self_attention=True)
mha_case("mha_float_masks", 4, 2, [(2, 3, 4), (2, 5, 4), (2, 5, 4)], batch_first=True,
         kpm=torch.tensor([[False] * 5, [False, False, False, True, True]]),
         attn_mask=torch.randn(4, 3, 5), average=False)
mha_case("mha_float_kpm", 4, 2, [(3, 2, 4), (5, 2, 4), (5, 2, 4)], kpm=torch.randn(2, 5))
mha_case("mha_kvdim", 4, 2, [(2, 3, 4), (2, 5, 3), (2, 5, 2)], batch_first=True, kdim=3, vdim=2,
         kpm=torch.tensor([[False, True, False, False, True], [False] * 5]))
mha_case("mha_nobias", 4, 4, [(3, 2, 4), (2, 2, 4), (2, 2, 4)], bias=False)
mha_case("mha_unbatched", 4, 2, [(3, 4), (5, 4), (5, 4)], kpm=torch.tensor([False, False, True, False, False]),
         average=False)


# ---------------------------------------------------------------- additive (Bahdanau) attention

def additive(query, keys, values, kpm, wq, wk, v):
    single = query.dim() == 2
    q3 = query.unsqueeze(1) if single else query
    scores = (torch.tanh((q3 @ wq.t()).unsqueeze(2) + (keys @ wk.t()).unsqueeze(1)) @ v.t()).squeeze(-1)
    if kpm is not None:
        scores = scores.masked_fill(kpm.unsqueeze(1), float("-inf"))
    w = torch.softmax(scores, dim=-1)
    ctx = w @ values
    return (ctx.squeeze(1), w.squeeze(1)) if single else (ctx, w)


def additive_case(name, qshape, s, dk, dv, hidden, kpm=None):
    n, dq = qshape[0], qshape[-1]
    params = {"query_proj.weight": torch.randn(hidden, dq) * 0.5, "key_proj.weight": torch.randn(hidden, dk) * 0.5,
              "v.weight": torch.randn(1, hidden)}
    for key, p in params.items():
        T["%s.sd.%s" % (name, key)] = p
    params = {key: p.clone().requires_grad_(True) for key, p in params.items()}
    leaves = leaves_of(name, {"q": torch.randn(qshape), "k": torch.randn(n, s, dk), "v": torch.randn(n, s, dv)})
    if kpm is not None:
        mask_entry(name, "kpm", kpm)
    out, w = additive(leaves["q"], leaves["k"], leaves["v"], kpm, params["query_proj.weight"],
                      params["key_proj.weight"], params["v.weight"])
    store(name, leaves, out, w, params)


additive_case("additive_step", (3, 4), 5, 3, 2, 6,
              kpm=torch.tensor([[False] * 5, [False, False, False, True, True], [False, True, False, True, False]]))
additive_case("additive_seq", (2, 3, 4), 4, 5, 3, 4)

write(os.path.join(os.path.dirname(os.path.abspath(__file__)), "nn_attention.txt"), T, "nn_attention.py")
