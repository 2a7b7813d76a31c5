"""Golden values for the recurrent layers and cells (dev.sinapsis.nn.RecurrentContract).
Run:  /usr/bin/python3 core/src/test/resources/golden/nn_recurrent.py   (Debian python3-torch 1.13)

Writes golden/nn_recurrent.txt and io/torch_recurrent.safetensors.

Modules (float64, PyTorch's default initialisation after the seed) are stored under their name:
MODULE.weight_ih_l0 ... exactly PyTorch's state-dict names, so the test loads them with
loadStateDict. A case NAME stores its input NAME.x, the outputs NAME.out, NAME.hn (NAME.cn), and
the gradients of
    L = sum(out * P(out.shape, 0)) + sum(hn * P(hn.shape, 1)) + sum(cn * P(cn.shape, 2))
with respect to the input (NAME.gx), initial states (NAME.gh0, NAME.gc0) and a few parameters
(NAME.g<param>). P(shape, k)[i] = sin(0.5 + 1.3 * i + k) over the row-major index i: a fixed
projection the test recomputes, so it is not stored. Variable-length cases run PyTorch's
pack_padded_sequence(enforce_sorted=False) -> layer -> pad_packed_sequence(total_length=T).

io/torch_recurrent.safetensors holds three PyTorch state dicts in float32 (prefixes lstm., gru.,
rnn.: 2-layer bidirectional layers); their float32 outputs on st.x are stored as st.<prefix>.out/hn/cn.
"""
import math
import os
import sys

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "io"))
from golden import write  # noqa: E402
import make_safetensors  # noqa: E402

torch.manual_seed(2024)
torch.set_default_dtype(torch.float64)
T = {}
IN, H, STEPS, B = 3, 3, 5, 3
LENGTHS = [3, 5, 1]          # unsorted, one of length 1, the longest fills the input
LENGTHS_SHORT = [4, 2, 1]    # the longest is shorter than the input (padded to total_length)


def proj(shape, k):
    n = 1
    for d in shape:
        n *= d
    return torch.tensor([math.sin(0.5 + 1.3 * i + k) for i in range(n)]).reshape(shape)


def make(kind, layers, bi, bias=True, nonlinearity="tanh", batch_first=False):
    args = dict(num_layers=layers, bidirectional=bi, bias=bias, batch_first=batch_first)
    if kind == "lstm":
        return torch.nn.LSTM(IN, H, **args)
    if kind == "gru":
        return torch.nn.GRU(IN, H, **args)
    return torch.nn.RNN(IN, H, nonlinearity=nonlinearity, **args)


def store_module(name, m):
    for k, v in m.state_dict().items():
        T["%s.%s" % (name, k)] = v


def run(m, x, lengths, h0, c0):
    is_lstm = isinstance(m, torch.nn.LSTM)
    hx = None
    if h0 is not None:
        hx = (h0, c0) if is_lstm else h0
    if lengths is not None:
        steps = x.shape[1] if m.batch_first else x.shape[0]
        packed = pack_padded_sequence(x, torch.tensor(lengths), batch_first=m.batch_first, enforce_sorted=False)
        out, hn = m(packed, hx)
        out, _ = pad_packed_sequence(out, batch_first=m.batch_first, total_length=steps)
    else:
        out, hn = m(x, hx)
    cn = None
    if is_lstm:
        hn, cn = hn
    return out, hn, cn


def case(name, module, m, x, lengths=None, h0=None, c0=None, params=()):
    """Stores input, outputs and gradients of case `name` run on module `m` (stored as `module`)."""
    m.zero_grad()
    x = x.detach().clone().requires_grad_(True)
    leaves = {"x": x}
    if h0 is not None:
        h0 = h0.detach().clone().requires_grad_(True)
        leaves["h0"] = h0
    if c0 is not None:
        c0 = c0.detach().clone().requires_grad_(True)
        leaves["c0"] = c0
    out, hn, cn = run(m, x, lengths, h0, c0)
    loss = (out * proj(out.shape, 0)).sum() + (hn * proj(hn.shape, 1)).sum()
    if cn is not None:
        loss = loss + (cn * proj(cn.shape, 2)).sum()
    loss.backward()
    if lengths is not None:
        T[name + ".lengths"] = torch.tensor([float(v) for v in lengths])
    for k, v in leaves.items():
        T["%s.%s" % (name, k)] = v
        T["%s.g%s" % (name, k)] = v.grad
    T[name + ".out"] = out
    T[name + ".hn"] = hn
    if cn is not None:
        T[name + ".cn"] = cn
    named = dict(m.named_parameters())
    for p in params:
        T["%s.g%s" % (name, p)] = named[p].grad.clone()  # zero_grad() reuses the buffer


MODULES = []


def module(name, m):
    MODULES.append(name)
    store_module(name, m)
    return m


# RNN/LSTM/GRU x {1, 2 layers} x {uni, bidirectional} x {full, variable lengths}
for kind in ("rnn", "lstm", "gru"):
    for layers in (1, 2):
        for bi in (False, True):
            mname = "%s_l%d_%s" % (kind, layers, "bi" if bi else "uni")
            m = module(mname, make(kind, layers, bi))
            last = "_l%d%s" % (layers - 1, "_reverse" if bi else "")
            params = ("weight_ih_l0", "weight_hh_l0", "bias_hh_l0", "bias_ih" + last)
            x = torch.randn(STEPS, B, IN)
            case(mname + "_full", mname, m, x, params=params)
            case(mname + "_var", mname, m, x, lengths=LENGTHS, params=params)

# options: relu, no bias, batch first (lengths shorter than the input), initial states, unbatched
m = module("rnn_relu_l2_bi", make("rnn", 2, True, nonlinearity="relu"))
case("rnn_relu_l2_bi_var", "rnn_relu_l2_bi", m, torch.randn(STEPS, B, IN) * 2, lengths=LENGTHS,
     params=("weight_hh_l0", "weight_hh_l1_reverse"))
for kind in ("lstm", "gru"):
    mname = kind + "_l1_nobias"
    m = module(mname, make(kind, 1, True, bias=False))
    case(mname + "_var", mname, m, torch.randn(STEPS, B, IN), lengths=LENGTHS,
         params=("weight_ih_l0", "weight_hh_l0_reverse"))
    mname = kind + "_l2_bi_bf"
    m = module(mname, make(kind, 2, True, batch_first=True))
    case(mname + "_var", mname, m, torch.randn(B, STEPS, IN), lengths=LENGTHS_SHORT,
         params=("weight_hh_l0", "bias_ih_l1_reverse"))
for kind in ("rnn", "lstm", "gru"):
    mname = kind + "_l2_bi_h0"
    m = module(mname, make(kind, 2, True))
    h0 = torch.randn(4, B, H)
    c0 = torch.randn(4, B, H) if kind == "lstm" else None
    case(mname + "_var", mname, m, torch.randn(STEPS, B, IN), lengths=LENGTHS, h0=h0, c0=c0,
         params=("weight_hh_l1",))
m = module("lstm_l2_bi_unbatched", make("lstm", 2, True))
case("lstm_l2_bi_unbatched_full", "lstm_l2_bi_unbatched", m, torch.randn(STEPS, IN),
     h0=torch.randn(4, H), c0=torch.randn(4, H), params=("weight_hh_l1",))


# cells: one step from a given state; parameters are inputs, so every gradient is stored
def cell_case(name, cell, x, h, c=None):
    MODULES.append(name)
    store_module(name, cell)
    cell.zero_grad()
    x = x.detach().clone().requires_grad_(True)
    h = h.detach().clone().requires_grad_(True)
    leaves = {"x": x, "h0": h}
    if c is not None:
        c = c.detach().clone().requires_grad_(True)
        leaves["c0"] = c
        hn, cn = cell(x, (h, c))
        loss = (hn * proj(hn.shape, 1)).sum() + (cn * proj(cn.shape, 2)).sum()
        T[name + ".cn"] = cn
    else:
        hn = cell(x, h)
        loss = (hn * proj(hn.shape, 1)).sum()
    T[name + ".hn"] = hn
    loss.backward()
    for k, v in leaves.items():
        T["%s.%s" % (name, k)] = v
        T["%s.g%s" % (name, k)] = v.grad
    for k, p in cell.named_parameters():
        T["%s.g%s" % (name, k)] = p.grad


cell_case("rnncell_tanh", torch.nn.RNNCell(IN, H), torch.randn(B, IN), torch.randn(B, H))
cell_case("rnncell_relu", torch.nn.RNNCell(IN, H, nonlinearity="relu"), torch.randn(B, IN) * 2, torch.randn(B, H))
cell_case("lstmcell", torch.nn.LSTMCell(IN, H), torch.randn(B, IN), torch.randn(B, H), torch.randn(B, H))
cell_case("grucell", torch.nn.GRUCell(IN, H), torch.randn(B, IN), torch.randn(B, H))
cell_case("grucell_nobias", torch.nn.GRUCell(IN, H, bias=False), torch.randn(B, IN), torch.randn(B, H))

# PyTorch state dicts as safetensors (float32), with float32 outputs to reproduce
st = {}
xs = torch.randn(STEPS, B, IN).float()
T["st.x"] = xs
for kind in ("lstm", "gru", "rnn"):
    m = make(kind, 2, True).float()
    for k, v in m.state_dict().items():
        st["%s.%s" % (kind, k)] = v
    with torch.no_grad():
        out, hn, cn = run(m, xs, LENGTHS, None, None)
    T["st.%s.out" % kind] = out
    T["st.%s.hn" % kind] = hn
    if cn is not None:
        T["st.%s.cn" % kind] = cn
make_safetensors.save(os.path.join(HERE, "..", "io", "torch_recurrent.safetensors"), st,
                      {"format": "pt", "source": "golden/nn_recurrent.py"})

write(os.path.join(HERE, "nn_recurrent.txt"), T, comment="nn_recurrent.py")
