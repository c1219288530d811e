#!/usr/bin/python3
"""Write the first test image of each class of the shipped Fashion-MNIST subset as a PNG file.

The images of this folder are for trying a model on single files (`slope predict`, `docs/examples/PredictImage.java`)
and for tests that compare predictions across tools. Each is 28x28, 8-bit grey, exactly the subset's pixels: the
first image of its class in ../fashion-mnist-small/t10k-images-idx3-ubyte.gz, named after the class.
PNG is written with zlib only (no imaging library), so reruns are byte-identical.

Run: /usr/bin/python3 make_images.py
"""
import gzip
import os
import re
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SUBSET = os.path.join(HERE, "..", "fashion-mnist-small")


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return dims, data[4 + 4 * ndim:]


def png(width, height, grey):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + grey[r * width:(r + 1) * width] for r in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def main():
    (n, h, w), pixels = read_idx(os.path.join(SUBSET, "t10k-images-idx3-ubyte.gz"))
    _, labels = read_idx(os.path.join(SUBSET, "t10k-labels-idx1-ubyte.gz"))
    with open(os.path.join(SUBSET, "classes.txt")) as f:
        classes = [line.strip() for line in f if line.strip()]
    done = set()
    for i in range(n):
        c = labels[i]
        if c in done:
            continue
        done.add(c)
        name = re.sub(r"[^a-z]+", "-", classes[c].lower()).strip("-")
        with open(os.path.join(HERE, "%d-%s.png" % (c, name)), "wb") as out:
            out.write(png(w, h, pixels[i * h * w:(i + 1) * h * w]))
        if len(done) == len(classes):
            break


if __name__ == "__main__":
    main()
