"""Independent golden values for `slope lecture` (numpy, float64). Run: python3 lecture_golden.py
LectureSectionsTest holds the numbers this prints."""
import numpy as np

cifar = np.array([
    [-3.45, -8.87, 0.09, 2.90, 4.48, 8.02, 3.78, 1.06, -0.36, -0.72],
    [-0.51, 6.04, 5.31, -4.22, -4.19, 3.58, 4.49, -4.37, -2.09, -2.93],
    [3.42, 4.64, 2.65, 5.10, 2.64, 5.55, -4.34, -1.50, -4.79, 6.14]])
labels = [3, 1, 6]  # cat, automobile, frog


def svm(s, y, delta=1.0):
    m = np.maximum(0, s - s[y] + delta)
    m[y] = 0
    return m.sum()


def softmax(s, y):
    z = s - s.max()
    return -(z[y] - np.log(np.exp(z).sum()))


for s, y in zip(cifar, labels):
    print("scores: argmax %d svm %.10f softmax %.10f" % (s.argmax(), svm(s, y), softmax(s, y)))
print("scores: means svm %.10f softmax %.10f" % (np.mean([svm(s, y) for s, y in zip(cifar, labels)]),
                                                  np.mean([softmax(s, y) for s, y in zip(cifar, labels)])))
for s in ([10, -2, 3], [10, 9, 9], [10, 100, -100]):
    s = np.array(s, dtype=float)
    j = s.copy()
    j[0] += 0.5
    print("softmax-vs-svm %s: svm %.10f softmax %.10f jiggled svm %.10f softmax %.10f"
          % (s, svm(s, 0), softmax(s, 0), svm(j, 0), softmax(j, 0)))
