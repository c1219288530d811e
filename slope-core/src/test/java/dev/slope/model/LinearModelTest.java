package dev.slope.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.TestRuns;
import dev.slope.Tolerances;
import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageSet;
import dev.slope.linalg.BatchEngine;
import dev.slope.linalg.DenseRows;
import dev.slope.linalg.ScalarRowKernel;
import dev.slope.linalg.VectorRowKernel;
import dev.slope.loss.MulticlassSvm;
import dev.slope.loss.SoftmaxCrossEntropy;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Pipeline;
import dev.slope.preprocess.Preprocessing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LinearModelTest {
    static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

    /** A 28x28 grey pipeline without mean image, so dense rows of 785 can stand for its output. */
    static Pipeline pipeline() {
        return new Pipeline(28, 28, 1, new Preprocessing(1f, new float[0], true, 784));
    }

    static LinearModel randomModel(SplittableRandom r) {
        Parameters p = Parameters.zeros(10, 785, false, true);
        double[] g = Tolerances.gaussian(r, p.w().length);
        for (int k = 0; k < g.length; k++) {
            p.w()[k] = (float) (0.1 * g[k]);
        }
        return new LinearModel(NAMES, pipeline(), p, new SoftmaxCrossEntropy(), Provenance.ofSettings(Map.of()));
    }

    static Dataset randomRows(int n, SplittableRandom r) {
        float[] x = new float[n * 785];
        double[] g = Tolerances.gaussian(r, x.length);
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) g[k];
        }
        return new Dataset(new DenseRows(x, n, 785), Tolerances.labels(r, n, 10), NAMES, pipeline(),
                new DatasetInfo("random rows", "", "rows", n, 0, ""), "all");
    }

    /** The naive loop: s_c = Σ_j W[c, j]·x_j in double. */
    static double[] naiveScores(LinearModel m, Dataset rows) {
        Parameters p = m.parameters();
        double[] s = new double[rows.size() * 10];
        float[] x = new float[785];
        for (int i = 0; i < rows.size(); i++) {
            rows.rows().copyRow(i, x);
            for (int c = 0; c < 10; c++) {
                double v = 0;
                for (int j = 0; j < 785; j++) {
                    v += (double) p.w()[c * 785 + j] * x[j];
                }
                s[i * 10 + c] = v;
            }
        }
        return s;
    }

    @Test
    void scalarAndVectorKernelsGiveTheNaiveScoresAndTheSamePredictions() {
        SplittableRandom r = Tolerances.random(8);
        LinearModel m = randomModel(r);
        Dataset rows = randomRows(501, r);
        double[] naive = naiveScores(m, rows);
        try (BatchEngine scalar = new BatchEngine(1, new ScalarRowKernel());
             BatchEngine vector = new BatchEngine(2, new VectorRowKernel())) {
            float[] s1 = m.scores(rows, scalar);
            float[] s2 = m.scores(rows, vector);
            for (int k = 0; k < naive.length; k++) {
                assertEquals(naive[k], s1[k], 1e-4, "scalar score " + k);
                assertEquals(naive[k], s2[k], 1e-4, "vector score " + k);
            }
            int[] p1 = m.predict(rows, scalar);
            int[] p2 = m.predict(rows, vector);
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(LinearModel.argmax(s1, i * 10, 10), p1[i]);
            }
            assertArrayEquals(p1, p2);
        }
    }

    @Test
    void predictionsAreSafeFromManyThreadsAtOnce() throws Exception {
        SplittableRandom r = Tolerances.random(9);
        LinearModel m = randomModel(r);
        List<Dataset> batches = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            batches.add(randomRows(300 + 7 * t, r));
        }
        List<int[]> expected = new ArrayList<>();
        for (Dataset d : batches) {
            expected.add(m.predict(d, TestRuns.ENGINE));
        }
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                List<Future<int[]>> got = new ArrayList<>();
                for (Dataset d : batches) {
                    got.add(callers.submit(() -> m.predict(d, TestRuns.ENGINE)));
                }
                for (int t = 0; t < batches.size(); t++) {
                    assertArrayEquals(expected.get(t), got.get(t).get(), "batch " + t + ", round " + round);
                }
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void oneRawImageScoresAsItsDatasetRow() {
        ImageSet images = TestRuns.shipped().test().head(20);
        SplittableRandom r = Tolerances.random(3);
        Pipeline pipeline = Pipeline.Spec.DEFAULT.fit(images);
        Parameters p = Parameters.zeros(10, pipeline.inputDim(), false, true);
        for (int k = 0; k < p.w().length; k++) {
            p.w()[k] = (float) (0.01 * r.nextDouble());
        }
        LinearModel m = new LinearModel(images.classNames(), pipeline, p, new MulticlassSvm(),
                Provenance.ofSettings(Map.of("loss", "svm")));
        float[] all = m.scores(TestRuns.rows(pipeline, images), TestRuns.ENGINE);
        for (int i = 0; i < images.size(); i++) {
            byte[] one = Arrays.copyOfRange(images.pixelBuffer(), i * 784, (i + 1) * 784);
            assertArrayEquals(Arrays.copyOfRange(all, i * 10, (i + 1) * 10), m.scores(one), 1e-6f);
        }
    }

    @Test
    void rowsOfAnotherPipelineAreRefusedWithWhatToDo() {
        SplittableRandom r = Tolerances.random(4);
        LinearModel m = randomModel(r);
        ImageSet images = TestRuns.shipped().test().head(10);
        Dataset other = TestRuns.rows(Pipeline.Spec.DEFAULT.fit(images), images);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.predict(other, TestRuns.ENGINE));
        assertTrue(e.getMessage().contains("model.pipeline().apply"), e.getMessage());
        ImageSet colour = new ImageSet(new byte[2 * 4 * 4 * 3], new int[2], 4, 4, 3, NAMES);
        e = assertThrows(IllegalArgumentException.class, () -> TestRuns.rows(m.pipeline(), colour));
        assertEquals("the model takes 28x28x1 images but these are 4x4x3", e.getMessage());
    }

    @Test
    void theTrainingSettingsKeepTheirOrder() {
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        for (int k = 0; k < 40; k++) {
            settings.put("setting_" + (39 - k), k);
        }
        LinearModel m = new LinearModel(NAMES, pipeline(), Parameters.zeros(10, 785, false, true), new MulticlassSvm(),
                Provenance.ofSettings(settings));
        assertEquals(new ArrayList<>(settings.keySet()), new ArrayList<>(m.provenance().settings().keySet()));
    }
}
