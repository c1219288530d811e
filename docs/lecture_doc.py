"""Writes docs/lecture.md from `./slope lecture` itself: each section's prose, command, output and pictures.
Run from the repository root: python3 docs/lecture_doc.py"""
import os
import subprocess

# the page of `slope serve` (README: "slope serve") that shows each section's idea live
SERVE = {
    "/": "the playground: a 2-D linear classifier, its four losses, L1 / L2, the gradient check and the update",
    "/features.html": "features and neighbours: kNN regions for any k, the polar transform, an image's HOG cells",
    "/dashboard.html": "the training dashboard: a run's loss and accuracy live, several runs side by side",
}
PAGE = {'scores': '/', 'svm': '/', 'regularization': '/', 'softmax': '/', 'softmax-vs-svm': '/', 'random-search': '/dashboard.html', 'local-search': '/dashboard.html', 'follow-the-slope': '/', 'gradient': '/', 'gradient-descent': '/dashboard.html', 'features': '/features.html', 'knn': '/features.html'}

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
     "Points no line separates can become separable after a transform; then the lecture's image features on a real "
     "colour photograph of the lecture's size (320×240: 40 × 30 cells × 9 bins = 10,800 HOG numbers): its HOG cells "
     "and its hue histogram (checked against scikit-image by `photo_golden.py`); then a Fashion-MNIST image and a "
     "bag of visual words. `--photo FILE` takes another photograph apart."),
    ("knn", "k nearest neighbours",
     "The lecture recalls kNN before the linear classifier: keep every training image, vote among the nearest. The "
     "1-NN and 5-NN decision regions on 2-D points: the kNN and features page of `slope serve`."),
]

HEAD = """# The lecture with Slope

`slope lecture` walks the lecture *Loss functions and optimization* section by section, computing every number on
its slides with Slope's own losses, regularizers and gradients, then the same ideas on real images. `slope lecture`
lists the sections, `slope lecture SECTION` prints one as a worked solution, `--json` gives every number, `--all`
runs them in order (about 10 s on the shipped data; `--data DIR` for another dataset), `--plots DIR` writes the
pictures. Each number of the slides is a test through `slope lecture SECTION --json` (`LectureCommandTest`; where the
slide gives none, the golden value comes from `slope-core/src/test/resources/lecture/lecture_golden.py`, numpy); the
sections on real images are tested for their order of quality (`DataSectionsTest`). Each section ends with the page
of `slope serve` (start it with `./slope serve`, then open http://127.0.0.1:8080/) that shows the same idea live. This page is written by `python3 docs/lecture_doc.py`.
"""


def main():
    out = [HEAD]
    for name, title, prose in SECTIONS:
        plots = "docs/lecture"
        before = set(os.listdir(plots)) if os.path.isdir(plots) else set()
        text = subprocess.run(["./slope", "lecture", name, "--plots", plots], capture_output=True, text=True,
                              check=True).stdout.rstrip("\n").split("\n")
        pictures = [line for line in text if line.startswith("Pictures: ")]
        body = [line for line in text if not line.startswith("Pictures: ") and line != "No pictures in these sections."]
        out += ["## " + title, "", prose, "", "```", "$ slope lecture " + name] + body + ["```", ""]
        for p in pictures:
            for path in p[len("Pictures: "):].split(", "):
                out += ["![%s](%s)" % (title, os.path.relpath(path, "docs")), ""]
        page = PAGE[name]
        out += ["Live: [`slope serve`, %s](http://127.0.0.1:8080%s) (%s)." % (page, page, SERVE[page]), ""]
    with open("docs/lecture.md", "w") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
