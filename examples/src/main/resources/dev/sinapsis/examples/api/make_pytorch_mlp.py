"""Writes pytorch_mlp.safetensors (a trained torch MLP's state dict) and pytorch_mlp_expected.txt.

The model is torch.nn.Sequential(Linear(4, 16), Tanh(), Linear(16, 3)), trained for 300 Adam steps
on three Gaussian blobs in 4-D after torch.manual_seed(0). The expected file holds 6 inputs and
the logits torch computes for them, one example per line: 4 input values, then 3 logits (float32
values printed with 9 significant digits). LoadPyTorchWeights loads the state dict into the same
Sinapsis Sequential and checks it predicts the same.

The `safetensors` Python package is not installed here, so the file is written by hand: 8-byte
little-endian header length, the JSON header padded with spaces to a multiple of 8, then the data.

Run: /usr/bin/python3 examples/src/main/resources/dev/sinapsis/examples/api/make_pytorch_mlp.py
(Debian python3-torch 1.13)
"""
import json
import os
import struct

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def save_safetensors(path, tensors):
    header, data = {}, b""
    for name in sorted(tensors):
        raw = tensors[name].detach().contiguous().to(torch.float32).numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape),
                        "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        f.write(data)


def main():
    torch.manual_seed(0)
    centers = torch.tensor([[2.0, 0, 0, 1], [0, 2.0, 1, 0], [-1, -1, 2.0, 2.0]])
    labels = torch.arange(3).repeat(100)
    x = centers[labels] + 0.7 * torch.randn(300, 4)
    model = torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.Tanh(), torch.nn.Linear(16, 3))
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(300):
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(x), labels)
        loss.backward()
        opt.step()
    save_safetensors(os.path.join(HERE, "pytorch_mlp.safetensors"), model.state_dict())
    inputs = centers[torch.tensor([0, 1, 2, 0, 1, 2])] + 0.7 * torch.randn(6, 4)
    with torch.no_grad():
        logits = model(inputs)
    with open(os.path.join(HERE, "pytorch_mlp_expected.txt"), "w") as f:
        f.write("# 4 inputs, then the 3 logits torch.nn.Sequential(Linear(4,16), Tanh(), Linear(16,3)) gives;"
                " made by make_pytorch_mlp.py (torch %s), final training loss %.4f\n" % (torch.__version__, loss.item()))
        for i in range(6):
            f.write(" ".join("%.9g" % v for v in inputs[i].tolist() + logits[i].tolist()) + "\n")


if __name__ == "__main__":
    main()
