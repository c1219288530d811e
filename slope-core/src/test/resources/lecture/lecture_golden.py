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

# the softmax slide, every column: exp, probabilities, -ln and -log10 of the right class
lecture = np.array([[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]])  # rows: cat, car, frog images
for name, s, y in zip(("cat", "car", "frog"), lecture, (0, 1, 2)):
    e = np.exp(s)
    p = e / e.sum()
    print("softmax %s: exp %s p %s ln %.10f log10 %.10f" % (name, np.round(e, 4), np.round(p, 4), -np.log(p[y]),
                                                             -np.log10(p[y])))
print("softmax mean %.10f" % np.mean([softmax(s, y) for s, y in zip(lecture, (0, 1, 2))]))
print("svm squared mean %.10f" % np.mean([np.sum(np.delete(np.maximum(0, s - s[y] + 1), y) ** 2)
                                          for s, y in zip(lecture, (0, 1, 2))]))

# the gradient by hand on a small W of Slope's own: 3 classes x 2 inputs, two points, SVM, no bias, no penalty
W = np.array([0.34, -1.11, 0.78, 0.12, 0.55, 0.33]).reshape(3, 2)
X = np.array([[1.0, 2.0], [-1.5, -0.5]])
Y = [0, 2]


def loss(W):
    return np.mean([svm(W @ x, y) for x, y in zip(X, Y)])


grad = np.zeros_like(W)
for x, y in zip(X, Y):
    s = W @ x
    for j in range(3):
        if j != y and s[j] - s[y] + 1 > 0:
            grad[j] += x / len(X)
            grad[y] -= x / len(X)
print("own W: L %.10f dW[0,0] %.10f dW[0,1] %.10f" % (loss(W), grad[0, 0], grad[0, 1]))
