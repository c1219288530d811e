#!/usr/bin/python3
"""The peer of FusedPassBenchmark: the same full-batch loss + gradient pass, vectorized numpy float32.

N = 60000 rows of D = 785 (784 pixels + bias 1), C = 10 classes, W is C x D as in Slope.
scores = X @ W.T, then the SVM or softmax score gradient dS (N x C), then dW = dS.T @ X: two
OpenBLAS sgemm calls on all cores. The last line times the two products alone, with no loss: a
floor that no numpy implementation of the pass can go under. Prints the median of 20 timed runs after 3 warm-ups, in ms.

Run: /usr/bin/python3 slope-bench/numpy_pass.py
"""
import time

import numpy as np

N, D, C = 60000, 785, 10
rng = np.random.default_rng(42)
X = (rng.random((N, D), dtype=np.float32) - 0.5).astype(np.float32)
X[:, -1] = 1.0
y = rng.integers(0, C, N)
W = ((rng.random((C, D), dtype=np.float32) - 0.5) * 0.01).astype(np.float32)
rows = np.arange(N)


def svm(W):
    S = X @ W.T
    margins = S - S[rows, y][:, None] + 1.0
    margins[rows, y] = 0
    loss = np.maximum(margins, 0).sum() / N
    dS = (margins > 0).astype(np.float32)
    dS[rows, y] = -dS.sum(axis=1)
    dW = (dS / N).T @ X
    return loss, dW


def softmax(W):
    S = X @ W.T
    S -= S.max(axis=1, keepdims=True)
    E = np.exp(S)
    P = E / E.sum(axis=1, keepdims=True)
    loss = -np.log(P[rows, y]).sum() / N
    P[rows, y] -= 1
    dW = (P / N).T @ X
    return loss, dW


def gemms_only(W):
    """The floor of any numpy version: the two matrix products alone, no loss at all."""
    S = X @ W.T
    return S.T @ X


for name, f in (("svm", svm), ("softmax", softmax), ("two gemms only (floor)", gemms_only)):
    for _ in range(3):
        f(W)
    times = []
    for _ in range(20):
        t0 = time.perf_counter()
        f(W)
        times.append(time.perf_counter() - t0)
    print(f"numpy {name}: {1000 * np.median(times):.1f} ms (median of 20; min {1000 * min(times):.1f} ms)")
