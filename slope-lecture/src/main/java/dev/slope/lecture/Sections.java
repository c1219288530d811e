package dev.slope.lecture;

import dev.slope.loss.LectureExample;
import dev.slope.loss.Loss;
import dev.slope.loss.MulticlassSvm;
import dev.slope.loss.SoftmaxCrossEntropy;
import dev.slope.objective.ExactObjective;
import dev.slope.objective.GradientCheck;
import dev.slope.objective.Objective;
import dev.slope.regularize.Regularizer;
import dev.slope.regularize.Regularizers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lecture, section by section, with its own numbers computed by Slope's losses, regularizers and gradients:
 * each section is a {@link Worked} solution. Sections that need data or pictures are added by the command that
 * runs them.
 */
public final class Sections {
    /**
     * Every section, in the lecture's order, with what each shows: those of this class, and those that run on data
     * ({@link DataSections}, see {@link #needsData}).
     */
    public static final Map<String, String> NAMES;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("scores", "the slide's scores of three images over the ten CIFAR-10 classes: which class wins, each loss");
        m.put("svm", "the cat / car / frog example: every margin term, 2.9, 0 and 12.9, mean 5.27, and the slide's questions");
        m.put("regularization", "x = [1,1,1,1] with w1 = [1,0,0,0] and w2 = [.25,.25,.25,.25]: what L2 and L1 prefer");
        m.put("softmax", "the same scores through exp, normalization and -log: 2.04, 0.079 and 6.16 (and the slide's 0.03)");
        m.put("softmax-vs-svm", "scores [10,-2,3], [10,9,9], [10,100,-100]: both losses, and what jiggling does to each");
        m.put("random-search", DataSections.NAMES.get("random-search"));
        m.put("local-search", DataSections.NAMES.get("local-search"));
        m.put("follow-the-slope", DataSections.NAMES.get("follow-the-slope"));
        m.put("gradient", DataSections.NAMES.get("gradient"));
        m.put("gradient-descent", DataSections.NAMES.get("gradient-descent"));
        m.put("features", DataSections.NAMES.get("features"));
        m.put("knn", DataSections.NAMES.get("knn"));
        NAMES = java.util.Collections.unmodifiableMap(m);
    }

    /** CIFAR-10's classes, in the slide's order. */
    public static final List<String> CIFAR_CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");
    /** The slide's images (columns) and their true classes' rows. */
    static final List<String> IMAGES = List.of("cat", "automobile", "frog");
    static final int[] IMAGE_LABELS = {3, 1, 6};
    /** The slide's "W is good or bad?" table, one row per image (the slide's columns), ten classes each. */
    static final double[][] CIFAR_SCORES = {
        {-3.45, -8.87, 0.09, 2.90, 4.48, 8.02, 3.78, 1.06, -0.36, -0.72},
        {-0.51, 6.04, 5.31, -4.22, -4.19, 3.58, 4.49, -4.37, -2.09, -2.93},
        {3.42, 4.64, 2.65, 5.10, 2.64, 5.55, -4.34, -1.50, -4.79, 6.14},
    };

    private Sections() {
    }

    /** 3.2, or 2 as "2.0": a score as the slide writes it. */
    private static String num(double v) {
        return String.valueOf(v).replace('-', '−');
    }

    /** A number to subtract: negative ones in parentheses. */
    private static String signed(double v) {
        return v < 0 ? "(" + num(v) + ")" : num(v);
    }

    /** True for a section that trains on images ({@link DataSections#run}). */
    public static boolean needsData(String name) {
        return DataSections.NAMES.containsKey(name);
    }

    /** Runs one section that needs no data, by name. */
    public static Worked run(String name) {
        return switch (name) {
            case "scores" -> scores();
            case "svm" -> svm();
            case "regularization" -> regularization();
            case "softmax" -> softmax();
            case "softmax-vs-svm" -> softmaxVersusSvm();
            default -> throw new IllegalArgumentException(needsData(name) ? "section '" + name + "' trains on images:"
                    + " run it with DataSections.run" : "no section '" + name + "'; the sections are "
                    + String.join(", ", NAMES.keySet()));
        };
    }

    static Worked scores() {
        Worked w = new Worked("Scores of three images over the ten CIFAR-10 classes (the slide's W): is W good or bad?");
        Loss svm = new MulticlassSvm();
        Loss softmax = new SoftmaxCrossEntropy();
        double svmSum = 0;
        double softmaxSum = 0;
        int right = 0;
        for (int i = 0; i < 3; i++) {
            double[] s = CIFAR_SCORES[i];
            Worked img = w.part(IMAGES.get(i), "the " + IMAGES.get(i) + " image");
            img.numbers("scores", "scores (airplane … truck)", s);
            int best = 0;
            for (int c = 1; c < s.length; c++) {
                best = s[c] > s[best] ? c : best;
            }
            img.word("highest", "highest score", CIFAR_CLASSES.get(best) + " (" + s[best] + ")");
            img.flag("correct", "classified right", best == IMAGE_LABELS[i]);
            double li = svm.lossAndGradient(s, 0, 10, IMAGE_LABELS[i], null, 0);
            double ls = softmax.lossAndGradient(s, 0, 10, IMAGE_LABELS[i], null, 0);
            img.number("svm_loss", "SVM loss (margin 1)", li);
            img.number("softmax_loss", "softmax loss (natural log)", ls);
            svmSum += li;
            softmaxSum += ls;
            right += best == IMAGE_LABELS[i] ? 1 : 0;
        }
        w.number("correct", "images classified right", right);
        w.number("svm_mean", "mean SVM loss", svmSum / 3);
        w.number("softmax_mean", "mean softmax loss", softmaxSum / 3);
        w.text("Only the automobile is classified right: this W is bad, and both losses say by how much.");
        return w;
    }

    static Worked svm() {
        Worked w = new Worked("Multiclass SVM loss, L_i = Σ_{j≠y_i} max(0, s_j − s_{y_i} + 1), on the cat / car / frog scores");
        double[] s = LectureExample.scores();
        int[] y = LectureExample.labels();
        Loss svm = new MulticlassSvm();
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            Worked img = w.part(LectureExample.CLASSES.get(i), "the " + LectureExample.CLASSES.get(i) + " image");
            double sy = s[3 * i + y[i]];
            for (int j = 0; j < 3; j++) {
                if (j == y[i]) {
                    continue;
                }
                double margin = s[3 * i + j] - sy + 1;
                img.number("margin_" + LectureExample.CLASSES.get(j), num(s[3 * i + j]) + " − " + signed(sy) + " + 1",
                        margin);
                img.number("term_" + LectureExample.CLASSES.get(j), "max(0, " + num(s[3 * i + j]) + " − " + signed(sy) + " + 1)",
                        Math.max(0, margin));
            }
            double li = svm.lossAndGradient(s, 3 * i, 3, y[i], null, 0);
            img.number("loss", "L_i", li);
            sum += li;
        }
        w.number("mean", "L = (2.9 + 0 + 12.9) / 3", sum / 3);
        Worked q = w.part("questions", "The slide's questions, answered by computing");
        double[] car = {1.3 + 0.1, 4.9 - 0.1, 2.0 + 0.1};
        q.number("car_jiggled", "Q1: the car's scores moved by 0.1: its loss", svm.lossAndGradient(car, 0, 3, 1, null, 0));
        q.text("   (its margins are 1.6 and 1.9 beyond the needed 1: small changes keep the loss at 0)");
        q.number("min", "Q2: the smallest possible loss", 0);
        q.number("max", "    the largest possible loss", Double.POSITIVE_INFINITY);
        q.number("at_init", "Q3: all scores about equal (W ≈ 0): C − 1", svm.lossAtEqualScores(3));
        Loss all = new MulticlassSvm(1, false, true);
        q.number("sum_all_mean", "Q4: summing over j = y_i too: the mean becomes", all.mean(s, y, 3, null));
        q.number("mean_terms", "Q5: the mean over the C − 1 terms instead of the sum", sum / 3 / 2);
        q.text("   (every loss divided by C − 1: the same W minimizes it)");
        q.number("squared", "Q6: squared hinge: the mean becomes", new MulticlassSvm(1, true).mean(s, y, 3, null));
        q.text("   (a different loss: it punishes large violations much more)");
        Worked twice = w.part("double_w", "Is the W with L = 0 unique? 2W scores the car twice as high:");
        double[] doubled = {2 * s[3], 2 * s[4], 2 * s[5]};
        twice.numbers("car_scores", "the car's scores at 2W", doubled);
        twice.number("margin_cat", "max(0, " + num(doubled[0]) + " − " + num(doubled[1]) + " + 1)  before the max",
                doubled[0] - doubled[1] + 1);
        twice.number("margin_frog", "max(0, " + num(doubled[2]) + " − " + num(doubled[1]) + " + 1)  before the max",
                doubled[2] - doubled[1] + 1);
        twice.number("car_loss", "the car's loss at 2W", svm.lossAndGradient(doubled, 0, 3, 1, null, 0));
        twice.text("   (no: every W with L = 0 gives 0 again when scaled up; regularization picks among them)");
        return w;
    }

    static Worked regularization() {
        Worked w = new Worked("Regularization: x = [1, 1, 1, 1], w1 = [1, 0, 0, 0], w2 = [0.25, 0.25, 0.25, 0.25]");
        float[] w1 = {1, 0, 0, 0};
        float[] w2 = {0.25f, 0.25f, 0.25f, 0.25f};
        double s1 = 0;
        double s2 = 0;
        for (int k = 0; k < 4; k++) {
            s1 += w1[k];
            s2 += w2[k];
        }
        w.number("score_w1", "w1ᵀx", s1);
        w.number("score_w2", "w2ᵀx", s2);
        Regularizer l2 = new Regularizers.L2();
        Regularizer l1 = new Regularizers.L1();
        w.number("l2_w1", "L2: R(w1) = Σ w²", l2.penalty(w1, 1, 4, 4));
        w.number("l2_w2", "L2: R(w2)", l2.penalty(w2, 1, 4, 4));
        w.number("l1_w1", "L1: R(w1) = Σ |w|", l1.penalty(w1, 1, 4, 4));
        w.number("l1_w2", "L1: R(w2)", l1.penalty(w2, 1, 4, 4));
        w.word("l2_prefers", "L2 prefers", "w2: it spreads the weight over every input");
        w.word("l1_prefers", "L1 prefers", "neither here (a tie); in general the sparse one, like w1");
        return w;
    }

    static Worked softmax() {
        Worked w = new Worked("Softmax: scores → exp → normalize → −log, on the cat / car / frog scores");
        double[] s = LectureExample.scores();
        int[] y = LectureExample.labels();
        Loss softmax = new SoftmaxCrossEntropy();
        double sum = 0;
        double[] carP = null;
        for (int i = 0; i < 3; i++) {
            Worked img = w.part(LectureExample.CLASSES.get(i), "the " + LectureExample.CLASSES.get(i) + " image");
            double[] row = {s[3 * i], s[3 * i + 1], s[3 * i + 2]};
            double[] e = {Math.exp(row[0]), Math.exp(row[1]), Math.exp(row[2])};
            double[] p = new double[3];
            SoftmaxCrossEntropy.probabilities(row, 0, 3, p, 0);
            img.numbers("scores", "scores (cat, car, frog)", row);
            img.numbers("exp", "exp", e);
            img.numbers("probabilities", "normalized", p);
            double li = softmax.lossAndGradient(row, 0, 3, y[i], null, 0);
            img.number("loss", "L_i = −ln p(" + LectureExample.CLASSES.get(y[i]) + ")", li);
            img.number("loss_log10", "the same with log base 10", -Math.log10(p[y[i]]));
            sum += li;
            carP = i == 1 ? p : carP;
        }
        w.number("mean", "mean loss (natural log)", sum / 3);
        w.text(String.format(java.util.Locale.ROOT, "The slide's 0.03 for the car is the base-10 value (%.4f); in natural"
                + " log it is %.4f.", -Math.log10(carP[1]), -Math.log(carP[1])));
        w.text(String.format(java.util.Locale.ROOT, "The slide rounds the car's probabilities to 0.02, 0.92, 0.06; they are"
                + " %.4f, %.4f, %.4f.", carP[0], carP[1], carP[2]));
        Worked q = w.part("questions", "The slide's questions, answered by computing");
        q.number("min", "Q1: the smallest possible loss (p = 1 for the right class)", 0);
        q.number("max", "    the largest possible loss (p → 0)", Double.POSITIVE_INFINITY);
        q.number("at_init", "Q2: all scores about equal (W ≈ 0), C = 3: ln 3", softmax.lossAtEqualScores(3));
        q.number("at_init_cifar", "    and with CIFAR-10's C = 10: ln 10", softmax.lossAtEqualScores(10));
        q.text("   (a first loss far from ln C means a bug: the sanity check slope sanity runs)");
        return w;
    }

    static Worked softmaxVersusSvm() {
        Worked w = new Worked("Softmax versus SVM, true class 0");
        double[][] rows = {{10, -2, 3}, {10, 9, 9}, {10, 100, -100}};
        Loss svm = new MulticlassSvm();
        Loss softmax = new SoftmaxCrossEntropy();
        for (int i = 0; i < rows.length; i++) {
            Worked r = w.part("scores_" + (i + 1), "scores " + java.util.Arrays.toString(rows[i]));
            r.number("svm", "SVM loss", svm.lossAndGradient(rows[i], 0, 3, 0, null, 0));
            r.number("softmax", "softmax loss", softmax.lossAndGradient(rows[i], 0, 3, 0, null, 0));
            double[] jiggled = rows[i].clone();
            jiggled[0] += 0.5;
            r.number("svm_jiggled", "SVM loss, s_0 + 0.5", svm.lossAndGradient(jiggled, 0, 3, 0, null, 0));
            r.number("softmax_jiggled", "softmax loss, s_0 + 0.5", softmax.lossAndGradient(jiggled, 0, 3, 0, null, 0));
        }
        w.text("Raising the right class's score: once its margins are met the SVM does not care (0 stays 0),");
        w.text("while softmax always wants the right class higher still (its loss keeps falling).");
        return w;
    }

    /** The slide's L(W), and L(W + h) for h = 0.0001 on each of the six entries it shows. */
    static final double SLIDE_LOSS = 1.25347;
    static final double[] SLIDE_LOSSES_PLUS_H = {1.25322, 1.25353, 1.25347, 1.25247, 1.25387, 1.25346};

    /** The first part of the gradient section: the slide's finite differences and a small W done by hand. */
    static Worked gradientByHand() {
        Worked w = new Worked("The numerical gradient, by hand");
        Worked slide = w.part("slide", "the slide's numbers: (L(W + h) − L(W)) / h with h = 0.0001");
        String[] names = {"first", "second", "third", "fourth", "fifth", "sixth"};
        for (int k = 0; k < SLIDE_LOSSES_PLUS_H.length; k++) {
            double plus = SLIDE_LOSSES_PLUS_H[k];
            slide.number(names[k], names[k] + " entry: (" + plus + " − " + SLIDE_LOSS + ") / 0.0001",
                    (plus - SLIDE_LOSS) / 0.0001);
        }
        // a small problem of our own: the slide's six W values as 3 classes × 2 inputs, two points, the SVM
        double[] theta = {0.34, -1.11, 0.78, 0.12, 0.55, 0.33};
        double[] x = {1.0, 2.0, -1.5, -0.5};
        int[] y = {0, 2};
        ExactObjective f = new ExactObjective(new Objective(new MulticlassSvm(), new Regularizers.None(), 0, false), x, y,
                2, 3, false, false);
        Worked own = w.part("own", "the same on a small W of our own (3 classes × 2 inputs, two points, SVM)");
        own.numbers("W", "W (row by row)", theta);
        double h = 1e-4;
        double[] grad = new double[theta.length];
        double l0 = f.valueAndGradient(theta, grad);
        own.number("loss", "L(W)", l0);
        for (int k = 0; k < 2; k++) {
            double[] plus = theta.clone();
            plus[k] += h;
            double l1 = f.valueAndGradient(plus, null);
            Worked e = own.part("entry_" + k, "entry " + k);
            e.number("loss_plus_h", "L(W + h·e_" + k + ")", l1);
            e.number("numerical", "(L(W + h) − L(W)) / h", (l1 - l0) / h);
            e.number("analytic", "analytic ∂L/∂W", grad[k]);
            e.number("relative_error", "relative error", GradientCheck.relativeError(grad[k], (l1 - l0) / h));
        }
        w.text("The numerical gradient is slow (one loss per entry) and approximate; the analytic one is exact and fast.");
        w.text("Use the analytic gradient, and check it against the numerical one:");
        return w;
    }
}
