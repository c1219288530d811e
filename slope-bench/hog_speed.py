"""scikit-image's HOG on Fashion-MNIST training images, one process: images per second.

Usage: python3 hog_speed.py DATA_DIR CELL BLOCK [N]   (median of 5 rounds over the first N images)
"""
import gzip
import statistics
import sys
import time

import numpy as np
from skimage.feature import hog


def read_images(path):
    with gzip.open(path, 'rb') if path.endswith('.gz') else open(path, 'rb') as f:
        data = f.read()
    n, rows, cols = int.from_bytes(data[4:8], 'big'), int.from_bytes(data[8:12], 'big'), int.from_bytes(data[12:16], 'big')
    return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(n, rows, cols)


def main():
    data, cell, block = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 5000
    images = read_images(data + '/train-images-idx3-ubyte.gz')[:n].astype(np.float64) / 255.0
    rates = []
    for _ in range(5):
        t0 = time.perf_counter()
        for img in images:
            hog(img, orientations=9, pixels_per_cell=(cell, cell), cells_per_block=(block, block), block_norm='L2-Hys')
        rates.append(n / (time.perf_counter() - t0))
    d = hog(images[0], orientations=9, pixels_per_cell=(cell, cell), cells_per_block=(block, block),
            block_norm='L2-Hys').size
    print("scikit-image %s HOG (cell %d, block %d, 9 bins, L2-Hys; %d numbers), one process: median %.0f images/s"
          " (min %.0f, max %.0f) over %d images" % (__import__('skimage').__version__, cell, block, d,
                                                    statistics.median(rates), min(rates), max(rates), n))


if __name__ == '__main__':
    main()
