#!/usr/bin/python3
"""Cut the shipped Fashion-MNIST subset from the full set.

Source: Debian's package dataset-fashion-mnist (/usr/share/datasets/fashion-mnist),
the original Zalando Research files. The subset is class-balanced and seeded:
1200 training images per class (12000) from train-*, 200 test images per class
(2000) from t10k-*, picked with numpy's default_rng(231), kept in their original
order, and written back in the IDX format (gzip, mtime 0 so reruns are byte-identical).

Run: /usr/bin/python3 make_subset.py [SOURCE_DIR]
"""
import gzip
import struct
import sys

import numpy as np

SRC = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
SEED = 231


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    ndim = magic & 0xFF
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def write_idx(path, array):
    header = struct.pack(">I", 0x0800 | array.ndim) + struct.pack(">" + "I" * array.ndim, *array.shape)
    with open(path, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0, filename="") as f:
            f.write(header)
            f.write(array.astype(np.uint8).tobytes())


def cut(prefix, per_class, rng):
    images = read_idx(f"{SRC}/{prefix}-images-idx3-ubyte.gz")
    labels = read_idx(f"{SRC}/{prefix}-labels-idx1-ubyte.gz")
    keep = np.sort(np.concatenate([rng.choice(np.flatnonzero(labels == c), per_class, replace=False)
                                   for c in range(10)]))
    return images[keep], labels[keep]


rng = np.random.default_rng(SEED)
for prefix, per_class in (("train", 1200), ("t10k", 200)):
    images, labels = cut(prefix, per_class, rng)
    write_idx(f"{prefix}-images-idx3-ubyte.gz", images)
    write_idx(f"{prefix}-labels-idx1-ubyte.gz", labels)
    print(prefix, images.shape, np.bincount(labels))
