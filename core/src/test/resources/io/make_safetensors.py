"""Writes io/torch_fixture.safetensors and its expected values golden/safetensors_fixture.txt.

The `safetensors` Python package is not installed here, so the file is written by hand with
struct + json exactly as the reference implementation (safetensors 0.4, Rust `serialize`) does:
  * 8-byte little-endian header length N, then N bytes of compact UTF-8 JSON padded with spaces
    to a multiple of 8, then the data section;
  * "__metadata__" first, then the tensors in data order;
  * data order: dtype descending in the reference's Dtype enum order (largest/"latest" first),
    then name; offsets relative to the data section start.
The state is torch.nn.Linear(4, 3) and torch.nn.Conv2d(2, 3, 3) after torch.manual_seed(0),
plus one tensor of every other dtype Sinapsis reads, a scalar and an empty tensor.

Run: /usr/bin/python3 core/src/test/resources/io/make_safetensors.py   (Debian python3-torch 1.13)
"""
import json
import os
import struct
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "golden"))
import golden  # noqa: E402

# The reference's Dtype enum order (derive(Ord)); the writer sorts by Reverse(dtype), then name.
ORDER = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32",
         "F64", "I64", "U64"]
NAMES = {torch.bool: "BOOL", torch.uint8: "U8", torch.int8: "I8", torch.int16: "I16", torch.float16: "F16",
         torch.bfloat16: "BF16", torch.int32: "I32", torch.float32: "F32", torch.float64: "F64",
         torch.int64: "I64"}


def raw_bytes(t):
    t = t.detach().contiguous()
    if t.dtype == torch.bfloat16:
        t = t.view(torch.int16)  # numpy has no bfloat16; same bits
    a = t.numpy()
    return a.astype(a.dtype.newbyteorder("<")).tobytes()


def save(path, tensors, metadata):
    items = sorted(tensors.items(), key=lambda kv: (-ORDER.index(NAMES[kv[1].dtype]), kv[0]))
    header = {"__metadata__": metadata} if metadata else {}
    data = b""
    for name, t in items:
        b = raw_bytes(t)
        header[name] = {"dtype": NAMES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [len(data), len(data) + len(b)]}
        data += b
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        f.write(data)


def main():
    torch.manual_seed(0)
    linear = torch.nn.Linear(4, 3)
    conv = torch.nn.Conv2d(2, 3, 3)
    state = {}
    for prefix, m in (("linear", linear), ("conv", conv)):
        for k, v in m.state_dict().items():
            state[prefix + "." + k] = v
    g = torch.Generator().manual_seed(1)
    state["extra.f64"] = torch.randn(2, 3, generator=g, dtype=torch.float64)
    state["extra.i64"] = torch.tensor([-(2 ** 62), -1, 0, 1, 2 ** 40], dtype=torch.int64)
    state["extra.i32"] = torch.tensor([[-7, 0], [2 ** 31 - 1, -(2 ** 31)]], dtype=torch.int32)
    state["extra.bool"] = torch.tensor([True, False, False, True, True])
    state["extra.scalar"] = torch.tensor(3.25)
    state["extra.empty"] = torch.zeros(0, 3)
    state["extra.f16"] = torch.tensor([1.0, -2.5, 65504.0, 6e-8, 0.1], dtype=torch.float16)
    state["extra.bf16"] = torch.randn(4, generator=g).to(torch.bfloat16)
    state["extra.u8"] = torch.tensor([0, 1, 200, 255], dtype=torch.uint8)
    state["extra.i8"] = torch.tensor([-128, -1, 0, 127], dtype=torch.int8)
    state["extra.i16"] = torch.tensor([-32768, -1, 300, 32767], dtype=torch.int16)

    save(os.path.join(HERE, "torch_fixture.safetensors"), state, {"format": "pt", "source": "make_safetensors.py"})
    # expected values; int64 values beyond 2^53 are not exact as float64, so the test checks extra.i64 literally
    golden.write(os.path.join(HERE, "..", "golden", "safetensors_fixture.txt"),
                 {k: v for k, v in state.items() if k != "extra.i64"}, comment="io/make_safetensors.py")


if __name__ == "__main__":
    main()
