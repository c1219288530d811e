"""scikit-learn's brute-force kNN on Fashion-MNIST (raw pixels, L2): test accuracy per k and seconds.

Usage: python3 knn_peer.py DATA_DIR K,K,...
"""
import gzip
import sys
import time

import numpy as np
from sklearn.neighbors import KNeighborsClassifier


def idx(path):
    with gzip.open(path, 'rb') as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    data, ks = sys.argv[1], [int(k) for k in sys.argv[2].split(',')]
    x = idx(data + '/train-images-idx3-ubyte.gz').reshape(60000, -1).astype(np.float32)
    y = idx(data + '/train-labels-idx1-ubyte.gz')
    xt = idx(data + '/t10k-images-idx3-ubyte.gz').reshape(10000, -1).astype(np.float32)
    yt = idx(data + '/t10k-labels-idx1-ubyte.gz')
    t0 = time.perf_counter()
    knn = KNeighborsClassifier(n_neighbors=max(ks), algorithm='brute', n_jobs=-1).fit(x, y)
    dist, ind = knn.kneighbors(xt, n_neighbors=max(ks))
    seconds = time.perf_counter() - t0
    for k in ks:
        votes = y[ind[:, :k]]
        pred = np.array([np.bincount(v, minlength=10).argmax() for v in votes])
        print("scikit-learn brute force, k=%d: test accuracy %.4f" % (k, (pred == yt).mean()))
    print("scikit-learn neighbours of 10000 test against 60000 training images: %.1f s" % seconds)
    try:
        from threadpoolctl import threadpool_info
        for pool in threadpool_info():
            print("  ran on %s %s (%s, %s threads)" % (pool.get('internal_api'), pool.get('version'),
                                                       pool.get('architecture', '-'), pool.get('num_threads')))
    except ImportError:
        print("  (threadpoolctl not installed: the BLAS kernel is not recorded)")


if __name__ == '__main__':
    main()
