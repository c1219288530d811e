package dev.slope.lecture;

import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageData;
import dev.slope.data.ImageSet;
import dev.slope.eval.Evaluation;
import dev.slope.features.BagOfWords;
import dev.slope.features.ColourHistogram;
import dev.slope.features.Hog;
import dev.slope.knn.Distance;
import dev.slope.knn.KnnClassifier;
import dev.slope.knn.KnnLearner;
import dev.slope.linalg.BatchEngine;
import dev.slope.model.LinearModel;
import dev.slope.objective.FusedPass;
import dev.slope.optimize.Budget;
import dev.slope.optimize.GradientDescent;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.RandomLocalSearch;
import dev.slope.optimize.RandomSearch;
import dev.slope.optimize.SearchProblem;
import dev.slope.optimize.Settings;
import dev.slope.optimize.Strategy;
import dev.slope.optimize.StrategyReport;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.ConcentricCircles;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Pipeline;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lecture's optimization sections, run on real images with a small budget of full-loss evaluations (one
 * evaluation = the loss over the whole training split, or the same number of examples in batches): the three
 * strategies of the lecture, then gradient descent's three batch sizes. The lecture's own CIFAR-10 figures are
 * quoted beside Slope's.
 */
public final class DataSections {
    /** The sections, in the lecture's order. */
    public static final Map<String, String> NAMES;
    /** Evaluations each search strategy may spend. */
    public static final double BUDGET = 100;
    /** Evaluations each batch size of the gradient-descent section may spend (stochastic steps are slow one by one). */
    public static final double DESCENT_BUDGET = 10;
    /** The rate every strategy and batch size of these sections steps at. */
    public static final double LR = 0.3;
    /**
     * The settings the sections run with: slope train's defaults, but one rate ({@link #LR}) and a constant schedule
     * for every batch size, pinned. slope train's default rate follows the batch size (and its schedule decays it);
     * the lecture compares batch sizes at one rate, as the slides do.
     */
    public static final TrainConfig CONFIG = TrainConfig.builder().set(Settings.LR, LR)
            .set(Settings.LR_SCHEDULE, "constant").build();

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("random-search", "strategy 1: random W, keep the best (the lecture: 15.5% on CIFAR-10)");
        m.put("local-search", "strategy 2: random steps, keep those that lower the loss (the lecture: 21.4%)");
        m.put("follow-the-slope", "strategy 3: step along the negative gradient, same budget");
        m.put("gradient", "the numerical gradient by hand (W + h, the quotient) beside the analytic one, then the check on"
                + " real images");
        m.put("gradient-descent", "full batch, stochastic (1) and mini-batch (256) on the same budget");
        m.put("features", "the polar transform of two rings, 320×240 → 10,800 HOG numbers, a colour histogram, a bag of words");
        m.put("knn", "1-NN and 5-NN on the images, exact distances");
        NAMES = Collections.unmodifiableMap(m);
    }

    private DataSections() {
    }

    /**
     * Runs one section on the data and the problem made from it (warm the pass up first with {@link Strategy#warmUp}).
     */
    public static Worked run(String name, ImageData data, SearchProblem problem, FusedPass pass, long seed) {
        return run(name, data, problem, pass, seed, null);
    }

    /**
     * The same, with a colour photograph for the features section (its HOG cells and hue histogram; Slope ships
     * data/photos/chelsea-320x240.png, the lecture's image size); null leaves that part out.
     */
    public static Worked run(String name, ImageData data, SearchProblem problem, FusedPass pass, long seed,
                             java.nio.file.Path photo) {
        Budget budget = new Budget(BUDGET, Budget.Unit.EVALUATIONS);
        double chance = 1.0 / problem.train().classCount();
        return switch (name) {
            case "random-search" -> strategy("Strategy 1: random search", new RandomSearch(RandomSearch.DEFAULT_SCALE),
                    problem, budget, pass, seed, chance, "the lecture's random search on CIFAR-10: 15.5% (chance 10%)");
            case "local-search" -> strategy("Strategy 2: random local search",
                    new RandomLocalSearch(problem.config().get(Settings.INIT_SCALE), RandomLocalSearch.DEFAULT_STEP), problem,
                    budget, pass, seed, chance, "the lecture's random local search on CIFAR-10: 21.4% (chance 10%)");
            case "follow-the-slope" -> strategy("Strategy 3: follow the slope (mini-batch gradient descent, batch 256)",
                    new GradientDescent(256), problem, budget, pass, seed, chance,
                    "the gradient points down the slope at once: no guessing");
            case "gradient" -> gradientCheck(data, problem);
            case "gradient-descent" -> gradientDescent(problem, new Budget(DESCENT_BUDGET, Budget.Unit.EVALUATIONS), pass, seed);
            case "features" -> features(data, pass.engine(), photo);
            case "knn" -> knn(data, pass.engine());
            default -> throw new IllegalArgumentException("no section '" + name + "'");
        };
    }

    private static Worked strategy(String title, Strategy s, SearchProblem problem, Budget budget, FusedPass pass, long seed,
                                   double chance, String lecture) {
        Worked w = new Worked(title + ", " + (int) BUDGET + " evaluations on " + problem.train().source().name());
        StrategyReport r = s.run(problem, budget, pass, seed);
        w.picture(fileName(title) + ".png", dev.slope.viz.StrategyCharts.lossByEvaluations(title, List.of(r)));
        w.number("evaluations", "evaluations spent", r.evaluations());
        w.number("seconds", "seconds", r.seconds());
        w.number("final_loss", "training loss of the best W", r.finalLoss());
        w.number("test_accuracy", "test accuracy", r.testAccuracy());
        w.number("chance", "chance (1 / classes)", chance);
        w.text(lecture);
        return w;
    }

    private static Worked features(ImageData data, BatchEngine engine, java.nio.file.Path photo) {
        Worked w = new Worked("Image features: transform the input, then the same linear classifier");
        Worked rings = w.part("polar", "two rings of 400 points (the lecture's polar-coordinates example)");
        ConcentricCircles c = ConcentricCircles.generate(400, 3);
        w.picture("polar-transform.png", dev.slope.viz.CirclesPicture.render(c));
        TrainConfig ringConfig = TrainConfig.builder().parse("batch_size", "full").parse("epochs", "300").parse("reg", "0")
                .parse("lr", "1").parse("val_fraction", "0").build();
        for (boolean polar : new boolean[] {false, true}) {
            Dataset d = c.dataset(polar ? c.polar() : c.xy(), polar ? "r, theta" : "x, y");
            LinearModel m = new GradientTrainer(ringConfig, engine).learn(d, d.head(0));
            rings.number(polar ? "accuracy_polar" : "accuracy_xy", polar ? "a linear classifier on (r, θ): accuracy"
                    : "a linear classifier on (x, y): accuracy", Evaluation.of(m, d, engine).accuracy());
        }
        Hog cells = new Hog(8, 1, 9, Hog.Norm.NONE);
        w.number("hog_320x240", "HOG of a 320×240 image: 40 × 30 cells × 9 bins", cells.dim(240, 320, 1));
        if (photo != null) {
            photo(w, photo, cells);
        }
        ImageSet test = data.test().size() > 0 ? data.test() : data.train();
        int h = test.height();
        int wd = test.width();
        int ch = test.channels();
        byte[] first = test.image(0);
        Worked one = w.part("image", "the first test image (" + test.classNames().get(test.label(0)) + ", " + h + "×" + wd
                + ")");
        float[] hog = new float[cells.dim(h, wd, ch)];
        cells.compute(first, 0, h, wd, ch, hog, 0);
        one.number("hog_numbers", "HOG numbers (" + (h / 8) + " × " + (wd / 8) + " cells × 9 bins)", hog.length);
        double[] bins = new double[9];
        for (int k = 0; k < hog.length; k++) {
            bins[k % 9] += hog[k];
        }
        one.numbers("hog_orientations", "gradient summed per orientation bin (0°…180°)", bins);
        ColourHistogram hist = new ColourHistogram(16, false);
        float[] hv = new float[hist.dim(h, wd, ch)];
        hist.compute(first, 0, h, wd, ch, hv, 0);
        double[] hd = new double[hv.length];
        for (int k = 0; k < hv.length; k++) {
            hd[k] = hv[k];
        }
        one.numbers("histogram", (ch == 3 ? "hue" : "intensity") + " histogram (16 bins)", hd);
        ImageSet some = data.train().head(300);
        BagOfWords bag = new BagOfWords(20, 4, BagOfWords.Assign.HARD, 1).fit(some, engine);
        Worked words = w.part("bag_of_words", "a bag of visual words: 20 codewords by k-means over the 4×4 cells of 300"
                + " training images");
        words.number("codebook_words", "codewords", bag.words());
        words.number("codebook_numbers", "numbers in the codebook (20 words × 9 bins)", bag.codebook().length);
        float[] counts = new float[bag.dim(h, wd, ch)];
        bag.compute(first, 0, h, wd, ch, counts, 0);
        double[] cd = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            cd[k] = counts[k];
        }
        words.numbers("first_image", "the first test image as a histogram of words", cd);
        w.text("Measured on the full Fashion-MNIST: pixels 84.30%, HOG (4×4 cells) with pixels 88.68%, with the");
        w.text("intensity histogram too 88.96% (README.md); slope train --features hog,hist,pixels --hog-cell 4.");
        return w;
    }

    /** A real colour photograph of the lecture's size: its HOG cells and its hue histogram, counted and drawn. */
    private static void photo(Worked w, java.nio.file.Path photo, Hog cells) {
        int[] size = dev.slope.data.ImageFiles.size(photo);
        int h = size[0];
        int wd = size[1];
        byte[] rgb = dev.slope.data.ImageFiles.read(photo, h, wd, 3);
        Worked p = w.part("photo", "a real photograph: " + photo.getFileName() + " (" + wd + "×" + h + ", colour)");
        float[] hog = new float[cells.dim(h, wd, 3)];
        cells.compute(rgb, 0, h, wd, 3, hog, 0);
        p.number("hog_numbers", "its HOG numbers (" + wd / cells.cell() + " × " + h / cells.cell() + " cells × "
                + cells.bins() + " bins)", hog.length);
        double[] bins = new double[cells.bins()];
        for (int k = 0; k < hog.length; k++) {
            bins[k % cells.bins()] += hog[k];
        }
        p.numbers("hog_orientations", "gradient summed per orientation bin (0°…180°)", bins);
        ColourHistogram hue = new ColourHistogram(16, false);
        float[] hv = new float[hue.dim(h, wd, 3)];
        hue.compute(rgb, 0, h, wd, 3, hv, 0);
        double[] hd = new double[hv.length];
        for (int k = 0; k < hv.length; k++) {
            hd[k] = hv[k];
        }
        p.numbers("hue_histogram", "hue histogram (16 bins of the colour circle)", hd);
        p.text("The cat's fur is orange and brown: its hues fill the first bins (red to yellow).");
        w.picture("hog-cells.png", dev.slope.viz.FeaturePictures.hogCells(rgb, h, wd, 3, hog, cells.cell(), cells.bins(),
                "HOG cells of " + photo.getFileName() + ": 8×8 pixels, 9 orientations (brighter = stronger edges)"));
        w.picture("hue-histogram.png", dev.slope.viz.FeaturePictures.histogram(hd, true, "Hue histogram of "
                + photo.getFileName() + " (share of pixels per bin)"));
    }

    /** The by-hand numerical gradient of {@link Sections}, then the gradient check on 20 training images. */
    private static Worked gradientCheck(ImageData data, SearchProblem problem) {
        Worked w = Sections.gradientByHand();
        TrainConfig c = problem.config();
        dev.slope.optimize.ImageGradientCheck.Report check = dev.slope.optimize.ImageGradientCheck.check(c.objective(),
                data.train(), new dev.slope.optimize.ImageGradientCheck.Batch(c.get(Settings.BIAS_TRICK), 20,
                        c.get(Settings.INIT_SCALE), dev.slope.objective.NumericalGradient.Difference.CENTRED,
                        dev.slope.objective.NumericalGradient.DEFAULT_STEP, 100, c.seed()));
        Worked real = w.part("real", "the gradient check on " + check.images() + " real images (" + c.get(Settings.LOSS)
                + ", a random W of " + data.train().classCount() + " × " + (data.train().pixelsPerImage() + 1) + ")");
        real.number("checked", "entries checked (centred differences, h = 1e-5)", check.report().checked());
        real.number("max_relative_error", "largest relative error", check.report().maxRelativeError());
        real.number("max_beyond_floor", "largest among entries whose difference h can resolve",
                check.report().maxBeyondFloor());
        real.flag("passes", "that one below 1e-6, the usual bar", check.report().passes(1e-6));
        real.text("(tiny gradients differ from their finite difference by float rounding alone: their relative error");
        real.text(" says nothing, so the check counts only differences above " + String.format(java.util.Locale.ROOT,
                "%.1e", check.report().floor()) + ")");
        real.text("The same check, with every option: slope gradcheck.");
        return w;
    }

    /** "Strategy 1: random search" → "strategy-1-random-search". */
    private static String fileName(String title) {
        String t = title.toLowerCase(java.util.Locale.ROOT);
        int comma = t.indexOf(',');
        t = comma > 0 ? t.substring(0, comma) : t;
        int paren = t.indexOf('(');
        t = paren > 0 ? t.substring(0, paren) : t;
        return t.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static Worked knn(ImageData data, BatchEngine engine) {
        Worked w = new Worked("k nearest neighbours on the images (L2, exact)");
        ImageSet train = data.train();
        ImageSet test = data.test().size() > 0 ? data.test() : data.train().head(0);
        DatasetInfo source = DatasetInfo.of(data);
        Pipeline p = KnnLearner.RAW_PIXELS.fit(train);
        Dataset trainRows = p.apply(train, source, "training images");
        Dataset testRows = p.apply(test, source, "test images");
        long t0 = System.nanoTime();
        KnnClassifier knn = new KnnClassifier(trainRows, 5, Distance.L2);
        KnnClassifier.Neighbours nb = knn.neighbours(testRows, 5, engine);
        w.number("seconds", "seconds for every test image's 5 nearest", (System.nanoTime() - t0) / 1e9);
        for (int k : new int[] {1, 5}) {
            w.number("accuracy_" + k, k + "-NN test accuracy", nb.accuracy(k, trainRows.labelArray(), train.classCount(),
                    testRows.labelArray()));
        }
        w.number("train", "training images (all kept: kNN learns nothing)", train.size());
        w.number("test", "test images", test.size());
        // the lecture's pictures: three blobs of 2-D points with a few labels flipped (the "islands" 1-NN follows)
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        int n = 60;
        float[] xy = new float[2 * n];
        int[] labels = new int[n];
        double[][] centres = {{-1.2, -0.8}, {1.2, -0.8}, {0, 1.2}};
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            xy[2 * i] = (float) (centres[c][0] + 0.6 * dev.slope.linalg.Randoms.gaussian(r));
            xy[2 * i + 1] = (float) (centres[c][1] + 0.6 * dev.slope.linalg.Randoms.gaussian(r));
            labels[i] = i % 20 == 19 ? (c + 1) % 3 : c;
        }
        int grid = 120;
        double range = 3;
        int[] one = dev.slope.knn.PlaneRegions.classify(xy, labels, 3, 1, Distance.L2, grid, range, engine);
        int[] five = dev.slope.knn.PlaneRegions.classify(xy, labels, 3, 5, Distance.L2, grid, range, engine);
        int differ = 0;
        for (int i = 0; i < one.length; i++) {
            differ += one[i] != five[i] ? 1 : 0;
        }
        Worked plane = w.part("plane", "60 points of 3 classes in the plane, 3 of them labelled wrong");
        plane.number("regions_differ", "share of the plane where 1-NN and 5-NN disagree", (double) differ / one.length);
        plane.text("1-NN draws an island around each wrong label; 5-NN outvotes them and smooths the borders.");
        w.picture("knn-1.png", dev.slope.viz.PlaneRegionsPicture.render("1-NN", one, grid, range, xy, labels));
        w.picture("knn-5.png", dev.slope.viz.PlaneRegionsPicture.render("5-NN", five, grid, range, xy, labels));
        w.text("Prediction compares each test image with every training image: slow at test time, the opposite of a");
        w.text("linear classifier. The decision regions on 2-D points: the kNN page of slope serve; cross-validation of k:");
        w.text("slope knn --cv 5 --k 1,3,5,7.");
        return w;
    }

    private static Worked gradientDescent(SearchProblem problem, Budget budget, FusedPass pass, long seed) {
        Worked w = new Worked("Gradient descent: the same " + (int) budget.amount() + " evaluations in batches of three sizes on "
                + problem.train().source().name());
        int n = problem.train().size();
        List<StrategyReport> reports = new java.util.ArrayList<>();
        for (int size : new int[] {TrainConfig.FULL_BATCH, 1, 256}) {
            boolean full = size == TrainConfig.FULL_BATCH;
            String key = full ? "full" : size == 1 ? "stochastic" : "mini_batch_256";
            String label = full ? "full batch (" + n + " examples a step)" : size == 1 ? "stochastic (1 example a step)"
                    : "mini-batch (256 examples a step)";
            Worked part = w.part(key, label);
            StrategyReport r = new GradientDescent(size).run(problem, budget, pass, seed);
            reports.add(r);
            part.number("steps", "steps", Math.round(r.evaluations() * n / (full ? n : size)));
            part.number("seconds", "seconds", r.seconds());
            part.number("final_loss", "final training loss", r.finalLoss());
            part.number("test_accuracy", "test accuracy", r.testAccuracy());
        }
        w.picture("gradient-descent.png", dev.slope.viz.StrategyCharts.lossByEvaluations("Gradient descent: batch sizes on the"
                + " same work", reports));
        w.text("All three at one learning rate (" + problem.config().optimizer().lr() + ", pinned: slope train's default"
                + " rate follows the batch size), which is too large for single examples:");
        w.text("stochastic steps need a smaller rate. The same number of examples seen: full batch takes few exact steps,");
        w.text("stochastic many noisy ones;");
        w.text("mini-batches (32 to 512 in practice) get most of both, and use the machine's vector units well.");
        return w;
    }
}
