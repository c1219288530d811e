#!/usr/bin/python3
"""The Python peers of `slope bench`, one subcommand each; every subcommand prints one JSON object.

  peers.py info                     versions of numpy and scikit-learn, and the BLAS kernel numpy runs on
  peers.py pass [--reps R]          the full-batch loss + gradient pass, vectorized numpy float32, on the shapes
                                    of Slope's FusedPassBenchmark (N=60000, D=785, C=10): median/min/max in ms
  peers.py sgd DATA [--epochs E]    numpy mini-batch SGD, softmax, batch 200, on Fashion-MNIST: test accuracy, seconds
  peers.py sgd1 DATA [--lr R]       the same loop with batch 1 for one epoch (a plain Python loop over numpy rows)
  peers.py sgdclassifier DATA LOSS  scikit-learn's SGDClassifier (batch 1, its defaults), one epoch, LOSS log_loss
                                    (softmax's peer: one-vs-rest logistic) or hinge (the SVM's)
  peers.py logreg DATA              scikit-learn's multinomial LogisticRegression (lbfgs) on the same pixels
  peers.py knn DATA K,K [--limit N] scikit-learn's brute-force kNN (L2, raw pixels): test accuracy per k, seconds

Run the numpy peers the way their BLAS is fastest: this machine sets OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE for old
OpenBLAS builds, which slow the current one; `slope bench` starts this script with both unset (env -u ...).
Times exclude reading the data; `seconds` of the training peers is the training loop alone, as Slope's.
"""
import argparse
import gzip
import json
import sys
import time

import numpy as np


def blas():
    try:
        from threadpoolctl import threadpool_info
        return [{"api": p.get("internal_api"), "version": p.get("version"), "kernel": p.get("architecture"),
                 "threads": p.get("num_threads")} for p in threadpool_info()]
    except ImportError:
        return "threadpoolctl is not installed: the BLAS kernel is not recorded (apt-get install python3-threadpoolctl)"


def info(_):
    out = {"python": sys.version.split()[0], "numpy": np.__version__, "blas": blas()}
    try:
        import sklearn
        out["sklearn"] = sklearn.__version__
    except ImportError:
        out["sklearn"] = None
    return out


def idx(path):
    with gzip.open(path, 'rb') as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def fashion(data, limit=None):
    x = idx(data + '/train-images-idx3-ubyte.gz').reshape(60000, -1)
    y = idx(data + '/train-labels-idx1-ubyte.gz').astype(np.int64)
    xt = idx(data + '/t10k-images-idx3-ubyte.gz').reshape(10000, -1)
    yt = idx(data + '/t10k-labels-idx1-ubyte.gz').astype(np.int64)
    if limit:
        x, y, xt, yt = x[:limit], y[:limit], xt[:limit], yt[:limit]
    return x, y, xt, yt


def timed(f, reps, warm=3):
    for _ in range(warm):
        f()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        times.append(1000 * (time.perf_counter() - t0))
    return {"median_ms": float(np.median(times)), "min_ms": min(times), "max_ms": max(times), "reps": reps}


def full_pass(args):
    """scores = X @ W.T, the SVM or softmax score gradient dS, then dW = dS.T @ X: two sgemm calls on all cores."""
    n, d, c = 60000, 785, 10
    rng = np.random.default_rng(42)
    x = (rng.random((n, d), dtype=np.float32) - 0.5).astype(np.float32)
    x[:, -1] = 1.0
    y = rng.integers(0, c, n)
    w = ((rng.random((c, d), dtype=np.float32) - 0.5) * 0.01).astype(np.float32)
    rows = np.arange(n)

    def svm():
        s = x @ w.T
        margins = s - s[rows, y][:, None] + 1.0
        margins[rows, y] = 0
        loss = np.maximum(margins, 0).sum() / n
        ds = (margins > 0).astype(np.float32)
        ds[rows, y] = -ds.sum(axis=1)
        return loss, (ds / n).T @ x

    def softmax():
        s = x @ w.T
        s -= s.max(axis=1, keepdims=True)
        e = np.exp(s)
        p = e / e.sum(axis=1, keepdims=True)
        loss = -np.log(p[rows, y]).sum() / n
        p[rows, y] -= 1
        return loss, (p / n).T @ x

    def gemms():
        """The floor of any numpy version: the two matrix products alone, no loss."""
        return (x @ w.T).T @ x

    return {"shape": [n, d, c], "svm": timed(svm, args.reps), "softmax": timed(softmax, args.reps),
            "gemms_only": timed(gemms, args.reps)}


def pixels(x, mean):
    z = x.astype(np.float32) / 255.0 - mean
    return np.hstack([z, np.ones((len(z), 1), np.float32)])


def sgd(args):
    """Softmax, W zero, batch 200, lr 0.3, L2 1e-4: the textbook loop of the lecture in numpy."""
    x, y, xt, yt = fashion(args.data)
    mean = (x.astype(np.float32) / 255.0).mean(axis=0)
    xf, xtf = pixels(x, mean), pixels(xt, mean)
    n, d = xf.shape
    c, batch, lr, reg = 10, 200, 0.3, 1e-4
    w = np.zeros((d, c), np.float32)
    rng = np.random.default_rng(0)
    t0 = time.perf_counter()
    for _ in range(args.epochs):
        order = rng.permutation(n)
        for k in range(0, n, batch):
            i = order[k:k + batch]
            s = xf[i] @ w
            s -= s.max(axis=1, keepdims=True)
            p = np.exp(s)
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(i)), y[i]] -= 1
            w -= lr * (xf[i].T @ (p / len(i)) + reg * w)
    seconds = time.perf_counter() - t0
    acc = float(((xtf @ w).argmax(axis=1) == yt).mean())
    return {"test_accuracy": acc, "seconds": seconds, "epochs": args.epochs, "batch": batch, "lr": lr, "reg": reg}


def sgd1(args):
    """Softmax, W zero, batch 1, one epoch, L2 1e-4: the lecture's stochastic gradient descent as a numpy user writes it."""
    x, y, xt, yt = fashion(args.data)
    mean = (x.astype(np.float32) / 255.0).mean(axis=0)
    xf, xtf = pixels(x, mean), pixels(xt, mean)
    n, d = xf.shape
    c, lr, reg = 10, args.lr, 1e-4
    w = np.zeros((c, d), np.float32)
    rng = np.random.default_rng(0)
    t0 = time.perf_counter()
    for i in rng.permutation(n):
        row = xf[i]
        s = w @ row
        s -= s.max()
        p = np.exp(s)
        p /= p.sum()
        p[y[i]] -= 1
        w -= lr * (np.outer(p, row) + reg * w)
    seconds = time.perf_counter() - t0
    acc = float(((xtf @ w.T).argmax(axis=1) == yt).mean())
    return {"test_accuracy": acc, "seconds": seconds, "epochs": 1, "batch": 1, "lr": lr, "reg": reg}


def sgdclassifier(args):
    """scikit-learn's SGDClassifier as its users call it: batch 1, its default rate schedule and alpha, one epoch."""
    import warnings
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import SGDClassifier
    x, y, xt, yt = fashion(args.data)
    mean = (x.astype(np.float32) / 255.0).mean(axis=0)
    xf, xtf = pixels(x, mean)[:, :-1], pixels(xt, mean)[:, :-1]
    model = SGDClassifier(loss=args.loss, max_iter=1, tol=None, random_state=0)
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # one epoch is asked for
        model.fit(xf, y)
    seconds = time.perf_counter() - t0
    return {"test_accuracy": float((model.predict(xtf) == yt).mean()), "seconds": seconds, "epochs": 1,
            "loss": args.loss, "alpha": model.alpha, "learning_rate": model.learning_rate}


def logreg(args):
    from sklearn.linear_model import LogisticRegression
    x, y, xt, yt = fashion(args.data)
    mean = (x.astype(np.float32) / 255.0).mean(axis=0)
    xf, xtf = pixels(x, mean)[:, :-1], pixels(xt, mean)[:, :-1]
    t0 = time.perf_counter()
    model = LogisticRegression(max_iter=100).fit(xf, y)
    seconds = time.perf_counter() - t0
    return {"test_accuracy": float((model.predict(xtf) == yt).mean()), "seconds": seconds, "max_iter": 100}


def knn(args):
    from sklearn.neighbors import KNeighborsClassifier
    x, y, xt, yt = fashion(args.data, args.limit)
    ks = [int(k) for k in args.ks.split(',')]
    x, xt = x.astype(np.float32), xt.astype(np.float32)
    t0 = time.perf_counter()
    model = KNeighborsClassifier(n_neighbors=max(ks), algorithm='brute', n_jobs=-1).fit(x, y)
    _, ind = model.kneighbors(xt, n_neighbors=max(ks))
    seconds = time.perf_counter() - t0
    acc = {}
    nearer = {}
    for k in ks:
        votes = y[ind[:, :k]]
        pred = np.array([np.bincount(v, minlength=10).argmax() for v in votes])  # ties: the lowest label
        acc[str(k)] = float((pred == yt).mean())
        # the same neighbours voted with Slope's tie rule (of the tied classes, the one of the nearer neighbour)
        near = []
        for v in votes:
            counts = np.bincount(v, minlength=10)
            tied = set(np.flatnonzero(counts == counts.max()))
            near.append(next(label for label in v if label in tied))
        nearer[str(k)] = float((np.array(near) == yt).mean())
    return {"test_accuracy": acc, "test_accuracy_nearer_tie": nearer, "seconds": seconds, "train": len(x),
            "test": len(xt)}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("info").set_defaults(f=info)
    a = sub.add_parser("pass")
    a.add_argument("--reps", type=int, default=20)
    a.set_defaults(f=full_pass)
    a = sub.add_parser("sgd")
    a.add_argument("data")
    a.add_argument("--epochs", type=int, default=10)
    a.set_defaults(f=sgd)
    a = sub.add_parser("sgd1")
    a.add_argument("data")
    a.add_argument("--lr", type=float, default=0.01)
    a.set_defaults(f=sgd1)
    a = sub.add_parser("sgdclassifier")
    a.add_argument("data")
    a.add_argument("loss", choices=["log_loss", "hinge"])
    a.set_defaults(f=sgdclassifier)
    a = sub.add_parser("logreg")
    a.add_argument("data")
    a.set_defaults(f=logreg)
    a = sub.add_parser("knn")
    a.add_argument("data")
    a.add_argument("ks")
    a.add_argument("--limit", type=int)
    a.set_defaults(f=knn)
    args = p.parse_args()
    print(json.dumps(args.f(args)))


if __name__ == '__main__':
    main()
