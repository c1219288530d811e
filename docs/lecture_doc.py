"""Writes docs/lecture.md from `./slope lecture` itself: each section's prose, command, output and pictures.
Run from the repository root: python3 docs/lecture_doc.py"""
import os
import subprocess

SECTIONS = [
    ("scores", "Scores: is W good or bad?",
     "The lecture starts from the linear classifier's scores for three CIFAR-10 images under some W. Slope reads the "
     "slide's table, finds each image's highest score and measures both losses."),
    ("svm", "The multiclass SVM loss",
     "Every wrong class that comes within the margin of the true class adds to the loss; the slide's cat, car and "
     "frog give 2.9, 0 and 12.9. The slide's questions follow, each answered by computing it. The same numbers, "
     "interactively: `slope serve`, the playground (`/`)."),
    ("regularization", "Regularization", "Two weight vectors give the same score; the regularizer decides between them."),
    ("softmax", "Softmax",
     "Scores read as unnormalized log probabilities: exponentiate, normalize, take −log of the true class's probability."),
    ("softmax-vs-svm", "Softmax versus SVM",
     "Both losses on three score vectors, and what happens when the right class's score rises a little."),
    ("random-search", "Optimization, strategy 1: random search",
     "Guess W at random, keep the best. On the shipped Fashion-MNIST subset (10 classes, so chance is 10%, as on "
     "CIFAR-10), with a budget of 100 full-loss evaluations. Fashion-MNIST is easier than CIFAR-10, so the "
     "percentages are higher than the lecture's; the order of the strategies is the same."),
    ("local-search", "Strategy 2: random local search", "Start somewhere, try a random step, keep it if the loss falls."),
    ("follow-the-slope", "Strategy 3: follow the slope",
     "The gradient says which way is down: mini-batch gradient descent on the same budget. The playground of "
     "`slope serve` shows it on 2-D points: press Run."),
    ("gradient", "The numerical gradient",
     "The slide's finite differences, then the same on a small W of Slope's own, with the analytic gradient beside it. "
     "On real images: `slope gradcheck`; live, for the playground's W and b: the numerical gradient checkbox of "
     "`slope serve`."),
    ("gradient-descent", "Gradient descent: batch, stochastic, mini-batch",
     "The same number of examples (10 passes over the training split) in steps of three sizes. A run's curves: "
     "`slope train --plots DIR` or the dashboard of `slope serve`."),
    ("features", "Image features",
     "Points no line separates can become separable after a transform; then the lecture's image features: HOG (8×8 "
     "cells, 9 bins), a colour (here intensity) histogram, a bag of visual words. More pictures: the kNN and features "
     "page of `slope serve` (HOG cells drawn over an image)."),
    ("knn", "k nearest neighbours",
     "The lecture recalls kNN before the linear classifier: keep every training image, vote among the nearest. The "
     "1-NN and 5-NN decision regions on 2-D points: the kNN and features page of `slope serve`."),
]

HEAD = """# The lecture with Slope

`slope lecture` walks the lecture *Loss functions and optimization* section by section, computing every number on
its slides with Slope's own losses, regularizers and gradients, then the same ideas on real images. `slope lecture`
lists the sections, `slope lecture SECTION` prints one as a worked solution, `--json` gives every number, `--all`
runs them in order (about 10 s on the shipped data; `--data DIR` for another dataset), `--plots DIR` writes the
pictures. Each number of the slides is a test (`LectureSectionsTest`; where the slide gives none, the golden value
comes from `slope-core/src/test/resources/lecture/lecture_golden.py`); the sections on real images are tested for
their order of quality (`DataSectionsTest`). This page is written by `python3 docs/lecture_doc.py`.
"""


def main():
    out = [HEAD]
    for name, title, prose in SECTIONS:
        plots = "docs/lecture"
        before = set(os.listdir(plots)) if os.path.isdir(plots) else set()
        text = subprocess.run(["./slope", "lecture", name, "--plots", plots], capture_output=True, text=True,
                              check=True).stdout.rstrip("\n").split("\n")
        pictures = [line for line in text if line.startswith("Pictures: ")]
        body = [line for line in text if not line.startswith("Pictures: ")]
        out += ["## " + title, "", prose, "", "```", "$ slope lecture " + name] + body + ["```", ""]
        for p in pictures:
            for path in p[len("Pictures: "):].split(", "):
                out += ["![%s](%s)" % (title, os.path.relpath(path, "docs")), ""]
    with open("docs/lecture.md", "w") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
