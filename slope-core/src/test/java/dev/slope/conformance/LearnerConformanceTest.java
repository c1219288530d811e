package dev.slope.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageSet;
import dev.slope.io.KnnFile;
import dev.slope.io.ModelFile;
import dev.slope.knn.Distance;
import dev.slope.knn.KnnClassifier;
import dev.slope.knn.KnnLearner;
import dev.slope.linalg.BatchEngine;
import dev.slope.linalg.RowSource;
import dev.slope.model.Classifier;
import dev.slope.model.LinearModel;
import dev.slope.model.Provenance;
import dev.slope.objective.FusedPass;
import dev.slope.optimize.Budget;
import dev.slope.optimize.GradientTrainer;
import dev.slope.learn.Learner;
import dev.slope.optimize.RandomLocalSearch;
import dev.slope.optimize.RandomSearch;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Pipeline;
import dev.slope.preprocess.Splits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One battery of checks that every learner passes, in the spirit of scikit-learn's common estimator checks: the linear
 * classifier with each loss and each update rule, the lecture's search strategies, kNN, and a feature pipeline in
 * front of either. Each case is a pipeline (what turns images into rows) and a learner made on a given engine.
 */
class LearnerConformanceTest {
    static final List<String> CLASSES = List.of("dark", "middle", "bright");

    record Case(String name, Pipeline.Spec spec, Function<BatchEngine, Learner<?>> learner) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> learners() {
        List<Case> cases = new ArrayList<>();
        for (String loss : Settings.LOSS.choices()) {
            TrainConfig c = TrainConfig.builder().parse("loss", loss).parse("epochs", "3").parse("batch_size", "16")
                    .build();
            cases.add(new Case("linear " + loss, c.pipelineSpec(), e -> new GradientTrainer(c, e)));
        }
        for (String rule : Settings.UPDATE.choices()) {
            TrainConfig c = TrainConfig.builder().parse("update", rule).parse("epochs", "2").parse("batch_size", "10")
                    .build();
            cases.add(new Case("linear softmax, update " + rule, c.pipelineSpec(), e -> new GradientTrainer(c, e)));
        }
        TrainConfig features = TrainConfig.builder().parse("features", "hog,pixels").parse("hog_cell", "4")
                .parse("epochs", "3").build();
        cases.add(new Case("linear softmax on hog,pixels", features.pipelineSpec(),
                e -> new GradientTrainer(features, e)));
        TrainConfig search = TrainConfig.builder().parse("loss", "svm").build();
        cases.add(new Case("random search", search.pipelineSpec(), e -> new RandomSearch(0.01).learner(search,
                new Budget(20, Budget.Unit.EVALUATIONS), e, 7)));
        cases.add(new Case("random local search", search.pipelineSpec(), e -> new RandomLocalSearch(0.001, 0.001)
                .learner(search, new Budget(100, Budget.Unit.EVALUATIONS), e, 7)));
        cases.add(new Case("knn k=3", KnnLearner.RAW_PIXELS, e -> new KnnLearner(3, Distance.L2)));
        // (HOG alone ignores brightness, which is all these images differ in: the pixels ride along)
        cases.add(new Case("knn k=1 L1 on hog,pixels", TrainConfig.builder().parse("features", "hog,pixels")
                .parse("hog_cell", "4").build().pipelineSpec(), e -> new KnnLearner(1, Distance.L1)));
        return cases.stream();
    }

    /** 8×8 grey images: class c is a noisy level of brightness c, so every learner can tell them apart. */
    static ImageSet images(int n, long seed, int... labelsCycle) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] pixels = new byte[n * 64];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = labelsCycle[i % labelsCycle.length];
            for (int k = 0; k < 64; k++) {
                pixels[i * 64 + k] = (byte) Math.min(255, 40 + 80 * labels[i] + r.nextInt(60) + (k % 8) * 2);
            }
        }
        return new ImageSet(pixels, labels, 8, 8, 1, CLASSES);
    }

    static Splits split(Case c, ImageSet train, ImageSet test) {
        return Splits.prepare(DatasetInfo.of("conformance", train, test), train, test, c.spec(), 0.0, 1);
    }

    static Classifier fit(Case c, Dataset train, BatchEngine engine) {
        return (Classifier) c.learner().apply(engine).learn(train, train.head(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("learners")
    void learnsTheEasyImages(Case c) {
        Splits s = split(c, images(90, 1, 0, 1, 2), images(30, 2, 0, 1, 2));
        try (BatchEngine engine = new BatchEngine(2)) {
            Classifier model = fit(c, s.train(), engine);
            int[] predicted = model.predict(s.test(), engine);
            int right = 0;
            for (int i = 0; i < predicted.length; i++) {
                right += predicted[i] == s.test().label(i) ? 1 : 0;
            }
            assertTrue(right >= 20, c + ": " + right + " of 30 right");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("learners")
    void refusesNoRowsOneClassAndNonFiniteValuesWithWhereAndWhat(Case c) {
        Splits s = split(c, images(30, 1, 0, 1, 2), images(3, 2, 0));
        try (BatchEngine engine = new BatchEngine(1)) {
            Learner<?> learner = c.learner().apply(engine);
            IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                    () -> learner.learn(s.train().head(0), s.train().head(0)));
            assertTrue(none.getMessage().contains("empty"), none.getMessage());

            Splits one = split(c, images(30, 1, 1), images(3, 2, 1));
            IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
                    () -> learner.learn(one.train(), one.train().head(0)));
            assertTrue(single.getMessage().contains("only class 1 (middle)"), single.getMessage());

            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
                Dataset poisoned = poison(s.train(), 5, 7, bad);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> learner.learn(poisoned, poisoned.head(0)));
                assertTrue(e.getMessage().contains("row 5") && e.getMessage().contains("column 7"), e.getMessage());
            }
        }
    }

    /** The same rows with one value replaced. */
    static Dataset poison(Dataset d, int row, int col, float value) {
        RowSource rows = d.rows();
        RowSource bad = new RowSource() {
            @Override
            public int rows() {
                return rows.rows();
            }

            @Override
            public int cols() {
                return rows.cols();
            }

            @Override
            public void copyRow(int i, float[] out) {
                rows.copyRow(i, out);
                if (i == row) {
                    out[col] = value;
                }
            }
        };
        return new Dataset(bad, d.labelArray(), d.classNames(), d.pipeline(), d.source(), "poisoned rows");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("learners")
    void theSameSeedGivesTheSameModelOnOneAndTwoThreads(Case c) {
        Splits s = split(c, images(200, 1, 0, 1, 2), images(30, 2, 0, 1, 2));
        float[] first = null;
        for (int threads : new int[] {1, 2}) {
            try (BatchEngine engine = new BatchEngine(threads)) {
                float[] out = fit(c, s.train(), engine).outputs(s.test(), engine);
                if (first == null) {
                    first = out;
                } else {
                    assertArrayEquals(first, out, 0f, c + ": 1 and 2 threads");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("learners")
    void aSavedModelPredictsExactlyAsBefore(Case c, @TempDir Path dir) {
        Splits s = split(c, images(60, 1, 0, 1, 2), images(30, 2, 0, 1, 2));
        try (BatchEngine engine = new BatchEngine(2)) {
            Classifier model = fit(c, s.train(), engine);
            Path file = dir.resolve("model.slope");
            if (model instanceof LinearModel linear) {
                ModelFile.save(linear, file);
            } else {
                KnnFile.save((KnnClassifier) model, Provenance.now(Map.of(), s.train().source(), "test"), file);
            }
            Classifier back = ModelFile.loadClassifier(file);
            assertArrayEquals(model.outputs(s.test(), engine), back.outputs(s.test(), engine), 0f, c.toString());
            assertEquals(model.classNames(), back.classNames());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("learners")
    void imagesOfAnotherSizeAreRefusedByTheModelsPipeline(Case c) {
        Splits s = split(c, images(60, 1, 0, 1, 2), images(3, 2, 0));
        try (BatchEngine engine = new BatchEngine(1)) {
            Classifier model = fit(c, s.train(), engine);
            ImageSet small = new ImageSet(new byte[3 * 36], new int[3], 6, 6, 1, CLASSES);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.pipeline().apply(small, DatasetInfo.of("other", small, small.head(0)), "other images"));
            assertTrue(e.getMessage().contains("6x6") || e.getMessage().contains("36"), e.getMessage());
        }
    }

    /** Shuffling the rows changes a full-batch loss and gradient only within float rounding, for every loss. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void shufflingTheRowsChangesAFullBatchGradientOnlyByRounding(String loss) {
        TrainConfig c = TrainConfig.builder().parse("loss", loss).build();
        Splits s = Splits.prepare(DatasetInfo.of("conformance", images(500, 3, 0, 1, 2), images(1, 4, 0)),
                images(500, 3, 0, 1, 2), images(1, 4, 0), c.pipelineSpec(), 0.0, 1);
        Dataset d = s.train();
        int n = d.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) ((i * 7919L) % n);
        }
        dev.slope.model.Parameters p = new GradientTrainer(c, null).initialParameters(d);
        SplittableRandom r = new SplittableRandom(5);
        for (int k = 0; k < p.w().length; k++) {
            p.w()[k] = (float) (0.01 * r.nextGaussian());
        }
        try (BatchEngine engine = new BatchEngine(2)) {
            FusedPass pass = new FusedPass(engine, d);
            dev.slope.model.Parameters g1 = dev.slope.model.Parameters.zeros(p.classes(), p.dim(), p.hasSeparateBias(),
                    p.biasInLastColumn());
            dev.slope.model.Parameters g2 = dev.slope.model.Parameters.zeros(p.classes(), p.dim(), p.hasSeparateBias(),
                    p.biasInLastColumn());
            var loss1 = c.objective().loss();
            double a = pass.lossAndGradient(loss1, p, null, 0, n, g1).loss();
            double b = pass.lossAndGradient(loss1, p, order, 0, n, g2).loss();
            assertEquals(a, b, 1e-6 * Math.abs(a), loss);
            double scale = 0;
            for (float v : g1.w()) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int k = 0; k < g1.w().length; k++) {
                assertEquals(g1.w()[k], g2.w()[k], 1e-5 * scale, loss + " dW[" + k + "]");
            }
        }
    }

    static Stream<String> losses() {
        return Settings.LOSS.choices().stream();
    }

    /**
     * Labels that skip a class (no "middle" image), a constant pixel and duplicated rows: learned without complaint;
     * every output finite and every prediction a class the model knows.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("learners")
    void skippedClassesConstantPixelsAndDuplicatesAreLearned(Case c) {
        ImageSet base = images(40, 1, 0, 2);
        byte[] pixels = new byte[80 * 64];
        int[] labels = new int[80];
        for (int i = 0; i < 80; i++) {
            System.arraycopy(base.pixelBuffer(), (i % 40) * 64, pixels, i * 64, 64); // every row twice
            pixels[i * 64] = 17; // pixel 0 is the same in every image
            labels[i] = base.label(i % 40);
        }
        ImageSet train = new ImageSet(pixels, labels, 8, 8, 1, CLASSES);
        Splits s = split(c, train, images(30, 2, 0, 1, 2));
        try (BatchEngine engine = new BatchEngine(2)) {
            Classifier model = fit(c, s.train(), engine);
            for (float v : model.outputs(s.test(), engine)) {
                assertTrue(Float.isFinite(v), c + ": output " + v);
            }
            for (int p : model.predict(s.test(), engine)) {
                assertTrue(p >= 0 && p < CLASSES.size(), c + ": predicted " + p);
            }
        }
    }
}
