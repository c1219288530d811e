package dev.slope.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slope.Tolerances;
import dev.slope.data.ImageSet;
import dev.slope.linalg.BatchEngine;
import dev.slope.linalg.DenseRows;
import dev.slope.linalg.RowKernel;
import dev.slope.linalg.ScalarRowKernel;
import dev.slope.linalg.VectorRowKernel;
import dev.slope.loss.Loss;
import dev.slope.loss.MulticlassSvm;
import dev.slope.loss.SoftmaxCrossEntropy;
import dev.slope.model.Parameters;
import dev.slope.preprocess.PixelRows;
import dev.slope.preprocess.Preprocessing;
import dev.slope.regularize.Regularizers;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The fast float kernels against the plain double-precision objective. */
class FusedPassTest {

    static final List<RowKernel> KERNELS = List.of(new ScalarRowKernel(), new VectorRowKernel());

    /** Relative max-norm difference of a float gradient from a double one. */
    static double relativeDifference(float[] fast, double[] exact, int offset) {
        double maxDiff = 0;
        double maxAbs = 0;
        for (int k = 0; k < fast.length; k++) {
            maxDiff = Math.max(maxDiff, Math.abs(fast[k] - exact[offset + k]));
            maxAbs = Math.max(maxAbs, Math.abs(exact[offset + k]));
        }
        return maxDiff / Math.max(maxAbs, 1e-12);
    }

    /** D = 37 exercises the SIMD tail; N = 700 splits over threads and crosses the flush interval. */
    @ParameterizedTest(name = "threads = {0}")
    @ValueSource(ints = {1, 2, 3})
    void denseRowsMatchTheDoubleReference(int threads) {
        checkDense(threads, 700);
    }

    /** Up to 256 rows on one thread accumulate straight into the output gradient. */
    @Test
    void smallBatchesMatchTheDoubleReference() {
        for (int n : new int[] {1, 3, 100, 256}) {
            checkDense(2, n);
        }
    }

    static void checkDense(int threads, int n) {
        int d = 37;
        int c = 10;
        SplittableRandom r = Tolerances.random(21);
        double[] xd = Tolerances.gaussian(r, n * d);
        float[] xf = new float[xd.length];
        for (int k = 0; k < xd.length; k++) {
            xf[k] = (float) xd[k];
            xd[k] = xf[k];
        }
        int[] y = Tolerances.labels(r, n, c);
        for (RowKernel kernel : KERNELS) {
            for (Loss loss : List.of(new MulticlassSvm(), new SoftmaxCrossEntropy(), new MulticlassSvm(1, true),
                    new dev.slope.loss.OneVsAllSvm(), new dev.slope.loss.StructuredSvm())) {
                for (boolean separateBias : new boolean[] {false, true}) {
                    Objective objective = new Objective(loss, new Regularizers.L2(), 0.01, false);
                    Parameters p = randomParameters(c, d, separateBias, r);
                    Parameters grad = Parameters.zeros(c, d, separateBias, false);
                    try (BatchEngine engine = new BatchEngine(threads, kernel)) {
                        FusedPass pass = new FusedPass(engine, new DenseRows(xf, n, d), y);
                        Objective.Value v = objective.valueAndGradient(pass, p, null, 0, n, grad);
                        ExactObjective exact = new ExactObjective(objective, xd, y, d, c, separateBias, false);
                        double[] g = new double[exact.size()];
                        double expected = exact.valueAndGradient(p.flatten(), g);
                        String what = kernel.name() + " " + loss.name() + " separate b " + separateBias;
                        assertEquals(expected, v.total(), Tolerances.FLOAT * Math.abs(expected), what);
                        assertEquals(0, relativeDifference(grad.w(), g, 0), Tolerances.FLOAT, what);
                        if (separateBias) {
                            assertEquals(0, relativeDifference(grad.b(), g, c * d), Tolerances.FLOAT, what);
                        }
                    }
                }
            }
        }
    }

    @Test
    void pixelRowsAndABatchOrderMatchTheReference() {
        SplittableRandom r = Tolerances.random(4);
        int n = 300;
        ImageSet images = randomImages(n, 5, 6, 3, 4, r);
        Preprocessing pre = Preprocessing.fit(images, 1f / 255, true, true);
        PixelRows rows = new PixelRows(images, pre);
        int[] order = dev.slope.linalg.Randoms.permutation(n, r);
        int from = 17;
        int to = 263;
        int[] batch = java.util.Arrays.copyOfRange(order, from, to);
        int[] y = images.labels();
        int[] yBatch = new int[batch.length];
        double[] xd = new double[batch.length * pre.inputDim()];
        float[] row = new float[pre.inputDim()];
        for (int k = 0; k < batch.length; k++) {
            rows.copyRow(batch[k], row);
            yBatch[k] = y[batch[k]];
            for (int j = 0; j < row.length; j++) {
                xd[k * row.length + j] = row[j];
            }
        }
        Objective objective = new Objective(new SoftmaxCrossEntropy(), new Regularizers.L1(), 0.001, false);
        Parameters p = randomParameters(4, pre.inputDim(), false, r);
        Parameters fastP = new Parameters(4, pre.inputDim(), p.w(), new float[0], true);
        Parameters grad = Parameters.zeros(4, pre.inputDim(), false, true);
        try (BatchEngine engine = new BatchEngine(2)) {
            FusedPass pass = new FusedPass(engine, rows, y);
            Objective.Value v = objective.valueAndGradient(pass, fastP, order, from, to, grad);
            ExactObjective exact = new ExactObjective(objective, xd, yBatch, pre.inputDim(), 4, false, true);
            double[] g = new double[exact.size()];
            double expected = exact.valueAndGradient(fastP.flatten(), g);
            assertEquals(expected, v.total(), Tolerances.FLOAT * expected);
            assertEquals(0, relativeDifference(grad.w(), g, 0), Tolerances.FLOAT);
        }
    }

    /** The pass is its aggregator run over the engine: one aggregator over all rows gives the same sums. */
    @Test
    void aggregatorsMergedInOrderEqualOneAggregatorOverAllRows() {
        SplittableRandom r = Tolerances.random(31);
        int n = 1000;
        int d = 41;
        int c = 7;
        float[] x = gaussianFloats(r, n * d);
        int[] y = Tolerances.labels(r, n, c);
        DenseRows rows = new DenseRows(x, n, d);
        Parameters p = randomParameters(c, d, true, r);
        Loss loss = new SoftmaxCrossEntropy();
        RowKernel kernel = new ScalarRowKernel();
        LossAggregator whole = new LossAggregator(kernel).reset(loss, p, 1.0 / n, true);
        whole.add(rows, y, null, 0, n);
        Parameters g1 = Parameters.zeros(c, d, true, false);
        whole.finish(g1);
        // three partitions of unequal size, merged in order: a distributed run's shape
        int[] cuts = {0, 123, 700, n};
        LossAggregator first = null;
        for (int k = 0; k < 3; k++) {
            LossAggregator a = new LossAggregator(kernel).reset(loss, p, 1.0 / n, true);
            a.add(rows, y, null, cuts[k], cuts[k + 1]);
            if (first == null) {
                first = a;
            } else {
                first.merge(a);
            }
        }
        Parameters g2 = Parameters.zeros(c, d, true, false);
        first.finish(g2);
        assertEquals(n, first.count());
        assertEquals(whole.lossSum(), first.lossSum(), 1e-12 * whole.lossSum());
        assertArrayEquals(g1.w(), g2.w(), 1e-6f);
        assertArrayEquals(g1.b(), g2.b(), 1e-6f);
        // and the pass on two threads gives the merge of the engine's parts (cut as the engine cuts them) exactly
        try (BatchEngine engine = new BatchEngine(2, kernel)) {
            Parameters g3 = Parameters.zeros(c, d, true, false);
            double mean = new FusedPass(engine, rows, y).lossAndGradient(loss, p, null, 0, n, g3).loss();
            int parts = engine.parts(n);
            assertEquals(8, parts, "n = " + n + " rows make eight parts");
            LossAggregator a = null;
            for (int part = 0; part < parts; part++) {
                LossAggregator b = new LossAggregator(kernel).reset(loss, p, 1.0 / n, true);
                b.add(rows, y, null, n * part / parts, n * (part + 1) / parts);
                if (a == null) {
                    a = b;
                } else {
                    a.merge(b);
                }
            }
            Parameters g4 = Parameters.zeros(c, d, true, false);
            a.finish(g4);
            assertEquals(a.lossSum() * (1.0 / n), mean, 0);
            assertArrayEquals(g4.w(), g3.w(), 0f);
            assertArrayEquals(g4.b(), g3.b(), 0f);
        }
    }

    /**
     * Two parts merged and finished in one sweep (the default batch's two parts of 100 rows: the float sum of their
     * buffers) give the bits of {@code merge} then {@code finish} (the buffers widened to double, added, rounded back),
     * on both kernels, with a separate bias and without; parts long enough to have flushed take the two calls.
     */
    @Test
    void mergeAndFinishIsMergeThenFinishBitForBit() {
        SplittableRandom r = Tolerances.random(37);
        int d = 53;
        int c = 10;
        int n = 700;
        float[] x = gaussianFloats(r, n * d);
        int[] y = Tolerances.labels(r, n, c);
        DenseRows rows = new DenseRows(x, n, d);
        for (RowKernel kernel : KERNELS) {
            for (boolean separateBias : new boolean[] {true, false}) {
                Parameters p = randomParameters(c, d, separateBias, r);
                for (int[] cut : new int[][] {{100, 200}, {1, 2}, {256, 300}, {300, 600}, {50, 700}}) {
                    Parameters twoCalls = Parameters.zeros(c, d, separateBias, false);
                    Parameters oneSweep = Parameters.zeros(c, d, separateBias, false);
                    LossAggregator a = part(kernel, p, rows, y, 0, cut[0], cut[1]);
                    a.merge(part(kernel, p, rows, y, cut[0], cut[1], cut[1]));
                    a.finish(twoCalls);
                    LossAggregator b = part(kernel, p, rows, y, 0, cut[0], cut[1]);
                    b.mergeAndFinish(part(kernel, p, rows, y, cut[0], cut[1], cut[1]), oneSweep);
                    String where = kernel.name() + ", parts 0.." + cut[0] + ".." + cut[1] + ", bias "
                            + (separateBias ? "apart" : "none");
                    assertArrayEquals(twoCalls.w(), oneSweep.w(), 0f, where);
                    assertArrayEquals(twoCalls.b(), oneSweep.b(), 0f, where);
                    assertEquals(a.lossSum(), b.lossSum(), 0, where);
                    assertEquals(a.correct(), b.correct(), where);
                    assertEquals(cut[1], b.count(), where);
                }
            }
        }
    }

    private static LossAggregator part(RowKernel kernel, Parameters p, DenseRows rows, int[] y, int from, int to, int n) {
        LossAggregator a = new LossAggregator(kernel).reset(new SoftmaxCrossEntropy(), p, 1.0 / n, true);
        a.add(rows, y, null, from, to);
        return a;
    }

    /** The accuracy the pass reads from its scores equals counting the top score of each row by hand, on both paths. */
    @Test
    void theAccuracyReadFromThePassIsTheTopScoresOwn() {
        SplittableRandom r = Tolerances.random(41);
        int n = 777;
        int d = 33;
        int c = 6;
        float[] x = gaussianFloats(r, n * d);
        int[] y = Tolerances.labels(r, n, c);
        DenseRows rows = new DenseRows(x, n, d);
        Parameters p = randomParameters(c, d, true, r);
        int right = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                double s = p.b()[k];
                for (int j = 0; j < d; j++) {
                    s += (double) p.w()[k * d + j] * x[i * d + j];
                }
                if (s > bestScore) {
                    bestScore = s;
                    best = k;
                }
            }
            right += best == y[i] ? 1 : 0;
        }
        Objective objective = new Objective(new MulticlassSvm(), new Regularizers.L2(), 1e-3, false);
        for (int threads : new int[] {1, 2}) {
            try (BatchEngine engine = new BatchEngine(threads)) {
                FusedPass pass = new FusedPass(engine, rows, y);
                assertEquals((double) right / n, objective.value(pass, p).accuracy(), 0, threads + " threads");
                Parameters grad = Parameters.zeros(c, d, true, false);
                Objective.Value v = objective.valueAndGradient(pass, p, null, 0, n, grad);
                assertEquals((double) right / n, v.accuracy(), 0, "with the gradient, " + threads + " threads");
            }
        }
    }

    /** Loss, gradient and accuracy are the same bit for bit on 1, 2 and 3 threads, in full batches and mini-batches. */
    @ParameterizedTest
    @ValueSource(strings = {"svm", "softmax", "ova", "structured"})
    void onePassIsTheSameBitForBitOnAnyNumberOfThreads(String lossName) {
        SplittableRandom r = Tolerances.random(43);
        int n = 2345;
        int d = 85;
        int c = 10;
        float[] x = gaussianFloats(r, n * d);
        int[] y = Tolerances.labels(r, n, c);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (i * 7919) % n;
        }
        DenseRows rows = new DenseRows(x, n, d);
        Parameters p = randomParameters(c, d, true, r);
        Loss loss = lossName.equals("svm") ? new MulticlassSvm() : new SoftmaxCrossEntropy();
        double[] firstLoss = null;
        float[][] firstGrad = null;
        for (int threads : new int[] {1, 2, 3}) {
            try (BatchEngine engine = new BatchEngine(threads)) {
                FusedPass pass = new FusedPass(engine, rows, y);
                double[] losses = new double[3];
                float[][] grads = new float[3][];
                int[][] ranges = {{0, n}, {100, 300}, {7, 1500}};
                for (int k = 0; k < 3; k++) {
                    Parameters g = Parameters.zeros(c, d, true, false);
                    dev.slope.objective.Pass.Result result = pass.lossAndGradient(loss, p, k == 0 ? null : order,
                            ranges[k][0], ranges[k][1], g);
                    losses[k] = result.loss() + result.accuracy();
                    grads[k] = g.w();
                }
                if (firstLoss == null) {
                    firstLoss = losses;
                    firstGrad = grads;
                } else {
                    assertArrayEquals(firstLoss, losses, 0, threads + " threads");
                    for (int k = 0; k < 3; k++) {
                        assertArrayEquals(firstGrad[k], grads[k], 0, threads + " threads, range " + k);
                    }
                }
            }
        }
    }

    static float[] gaussianFloats(SplittableRandom r, int size) {
        double[] g = Tolerances.gaussian(r, size);
        float[] x = new float[size];
        for (int k = 0; k < size; k++) {
            x[k] = (float) g[k];
        }
        return x;
    }

    @Test
    void theWarmUpRunsEveryPathAndEnds() throws Exception {
        for (RowKernel kernel : KERNELS) {
            FusedPass.warmUpNow(kernel, new SoftmaxCrossEntropy(), 37, 4); // throws if a path fails
        }
        Thread t = FusedPass.warmUp(new ScalarRowKernel(), new MulticlassSvm(), 9, 3);
        t.join(120_000);
        assertEquals(false, t.isAlive(), "the background warm-up ends");
    }

    @Test
    void oneEngineServesManyPassesAtOnce() throws Exception {
        SplittableRandom r = Tolerances.random(5);
        int n = 600;
        int d = 33;
        float[] x = gaussianFloats(r, n * d);
        int[] y = Tolerances.labels(r, n, 4);
        Parameters p = randomParameters(4, d, false, r);
        DenseRows rows = new DenseRows(x, n, d);
        try (BatchEngine engine = new BatchEngine(2)) {
            double expected = new FusedPass(engine, rows, y).loss(new MulticlassSvm(), p).loss();
            java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                java.util.List<java.util.concurrent.Future<Double>> results = new java.util.ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    results.add(callers.submit(() -> new FusedPass(engine, rows, y).loss(new MulticlassSvm(), p).loss()));
                }
                for (java.util.concurrent.Future<Double> f : results) {
                    assertEquals(expected, f.get(), 0);
                }
            } finally {
                callers.shutdownNow();
            }
        }
    }

    @Test
    void shapeMismatchIsNamed() {
        Parameters p = Parameters.zeros(10, 3073, false, true);
        try (BatchEngine engine = new BatchEngine(1)) {
            FusedPass pass = new FusedPass(engine, new DenseRows(new float[3072], 1, 3072), new int[] {0});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pass.loss(new SoftmaxCrossEntropy(),
                    p));
            assertEquals("W is 10x3073 but x has 3072 features", e.getMessage());
        }
    }

    @Test
    void aLabelOutsideTheClassesIsNamed() {
        Parameters p = Parameters.zeros(3, 2, false, false);
        try (BatchEngine engine = new BatchEngine(1)) {
            FusedPass pass = new FusedPass(engine, new DenseRows(new float[4], 2, 2), new int[] {0, 3});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pass.loss(new MulticlassSvm(),
                    p));
            assertEquals("label 3 of row 1 is outside 0..2", e.getMessage());
        }
    }

    static Parameters randomParameters(int c, int d, boolean separateBias, SplittableRandom r) {
        Parameters p = Parameters.zeros(c, d, separateBias, false);
        double[] g = Tolerances.gaussian(r, c * d + c);
        for (int k = 0; k < c * d; k++) {
            p.w()[k] = (float) (0.1 * g[k]);
        }
        for (int k = 0; k < p.b().length; k++) {
            p.b()[k] = (float) (0.1 * g[c * d + k]);
        }
        return p;
    }

    static ImageSet randomImages(int n, int h, int w, int ch, int classes, SplittableRandom r) {
        byte[] px = new byte[n * h * w * ch];
        for (int k = 0; k < px.length; k++) {
            px[k] = (byte) r.nextInt(256);
        }
        List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
        }
        return new ImageSet(px, Tolerances.labels(r, n, classes), h, w, ch, names);
    }
}
