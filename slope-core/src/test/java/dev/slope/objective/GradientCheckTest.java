package dev.slope.objective;

import static dev.slope.Tolerances.GRADIENT_CHECK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.Tolerances;
import dev.slope.loss.Loss;
import dev.slope.loss.MulticlassSvm;
import dev.slope.loss.SoftmaxCrossEntropy;
import dev.slope.objective.NumericalGradient.Difference;
import dev.slope.optimize.ImageGradientCheck;
import dev.slope.regularize.Regularizer;
import dev.slope.regularize.Regularizers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The analytic gradient of every loss × regularizer × bias form against centred differences, in double. */
class GradientCheckTest {
    static final int N = 12;
    static final int D = 7;
    static final int C = 4;

    static Stream<Arguments> everyLossAndRegularizer() {
        List<Arguments> all = new ArrayList<>();
        for (Loss loss : List.of(new MulticlassSvm(), new MulticlassSvm(1.0, true), new SoftmaxCrossEntropy(),
                new dev.slope.loss.OneVsAllSvm(), new dev.slope.loss.StructuredSvm())) {
            for (Regularizer reg : List.of(new Regularizers.None(), new Regularizers.L2(), new Regularizers.L1(),
                    new Regularizers.ElasticNet(0.5))) {
                for (boolean separateBias : new boolean[] {false, true}) {
                    all.add(Arguments.of(loss, reg, separateBias));
                }
            }
        }
        return all.stream();
    }

    /** A small problem with N(0,1) inputs (the last column all ones under the bias trick). */
    record Problem(ExactObjective f, double[] x, int[] y, boolean separateBias) {
        /** θ with every weight at least 0.1 from 0 (L1's kink) and every SVM margin at least 1e-3 from 0 (the hinge's). */
        double[] pointAwayFromKinks(SplittableRandom r) {
            for (int attempt = 0; attempt < 1000; attempt++) {
                double[] theta = Tolerances.gaussian(r, f.size());
                for (int k = 0; k < theta.length; k++) {
                    theta[k] = Math.copySign(0.1 + Math.abs(theta[k]) * 0.5, theta[k]);
                }
                if (minimumMargin(theta) > 1e-3) {
                    return theta;
                }
            }
            throw new AssertionError("no point away from the hinge's kinks");
        }

        double minimumMargin(double[] theta) {
            double min = Double.MAX_VALUE;
            for (int i = 0; i < N; i++) {
                double[] s = new double[C];
                for (int c = 0; c < C; c++) {
                    s[c] = separateBias ? theta[C * D + c] : 0;
                    for (int j = 0; j < D; j++) {
                        s[c] += theta[c * D + j] * x[i * D + j];
                    }
                }
                for (int c = 0; c < C; c++) {
                    if (c != y[i]) {
                        min = Math.min(min, Math.abs(s[c] - s[y[i]] + 1));
                    }
                }
            }
            return min;
        }
    }

    static Problem problem(Objective objective, boolean separateBias, long seed) {
        SplittableRandom r = Tolerances.random(seed);
        double[] x = Tolerances.gaussian(r, N * D);
        if (!separateBias) {
            for (int i = 0; i < N; i++) {
                x[i * D + D - 1] = 1;
            }
        }
        int[] y = Tolerances.labels(r, N, C);
        return new Problem(new ExactObjective(objective, x, y, D, C, separateBias, !separateBias), x, y, separateBias);
    }

    @ParameterizedTest(name = "{0} + {1}, separate b = {2}")
    @MethodSource("everyLossAndRegularizer")
    void analyticGradientMatchesCentredDifferences(Loss loss, Regularizer reg, boolean separateBias) {
        for (boolean penalizeBias : new boolean[] {false, true}) {
            Objective objective = new Objective(loss, reg, 0.05, penalizeBias);
            Problem problem = problem(objective, separateBias, 3);
            ExactObjective f = problem.f();
            double[] theta = problem.pointAwayFromKinks(Tolerances.random(5));
            List<GradientCheck.Block> blocks = separateBias
                    ? List.of(new GradientCheck.Block("W", 0, f.biasOffset()), new GradientCheck.Block("b", f.biasOffset(), f.size()))
                    : List.of(new GradientCheck.Block("W", 0, f.size()));
            GradientCheck.Report report = GradientCheck.check(f, theta, blocks, Difference.CENTRED, 1e-5, 0, 1);
            assertEquals(f.size(), report.checked());
            assertTrue(report.passes(GRADIENT_CHECK), loss.name() + " + " + reg.name() + ": max relative error "
                    + report.maxRelativeError());
        }
    }

    @Test
    void aWrongGradientIsCaught() {
        Objective objective = new Objective(new SoftmaxCrossEntropy(), new Regularizers.L2(), 0.05, false);
        Problem problem = problem(objective, true, 3);
        ExactObjective f = problem.f();
        DifferentiableFunction halfGradient = (theta, grad) -> {
            double v = f.valueAndGradient(theta, grad);
            if (grad != null) {
                grad[2] *= 0.5;
            }
            return v;
        };
        double[] theta = problem.pointAwayFromKinks(Tolerances.random(5));
        GradientCheck.Report report = GradientCheck.check(halfGradient, theta,
                List.of(new GradientCheck.Block("W", 0, f.biasOffset())), Difference.CENTRED, 1e-5, 0, 1);
        assertEquals(0.5, report.maxRelativeError(), 1e-6);
        assertTrue(!report.passes(GRADIENT_CHECK));
    }

    @Test
    void forwardDifferencesAreFirstOrderAndCentredSecondOrder() {
        Objective objective = new Objective(new SoftmaxCrossEntropy(), new Regularizers.None(), 0, false);
        Problem problem = problem(objective, true, 9);
        ExactObjective f = problem.f();
        double[] theta = problem.pointAwayFromKinks(Tolerances.random(2));
        List<GradientCheck.Block> w = List.of(new GradientCheck.Block("W", 0, f.biasOffset()));
        double fwd3 = GradientCheck.check(f, theta, w, Difference.FORWARD, 1e-3, 0, 1).meanRelativeError();
        double fwd4 = GradientCheck.check(f, theta, w, Difference.FORWARD, 1e-4, 0, 1).meanRelativeError();
        double cen3 = GradientCheck.check(f, theta, w, Difference.CENTRED, 1e-3, 0, 1).meanRelativeError();
        double cen4 = GradientCheck.check(f, theta, w, Difference.CENTRED, 1e-4, 0, 1).meanRelativeError();
        assertEquals(10, fwd3 / fwd4, 3, "forward: 10x smaller h, about 10x smaller error");
        assertEquals(100, cen3 / cen4, 40, "centred: 10x smaller h, about 100x smaller error");
        assertTrue(cen4 < fwd4 / 100);
    }

    @Test
    void samplingChecksKEntriesPerBlock() {
        Objective objective = new Objective(new SoftmaxCrossEntropy(), new Regularizers.L2(), 0.05, false);
        Problem problem = problem(objective, true, 3);
        ExactObjective f = problem.f();
        double[] theta = problem.pointAwayFromKinks(Tolerances.random(5));
        GradientCheck.Report r = GradientCheck.check(f, theta, List.of(new GradientCheck.Block("W", 0, f.biasOffset()),
                new GradientCheck.Block("b", f.biasOffset(), f.size())), Difference.CENTRED, 1e-5, 5, 42);
        assertEquals(5, r.blocks().get(0).checked());
        assertEquals(C, r.blocks().get(1).checked());
        assertTrue(r.passes(GRADIENT_CHECK));
    }

    @Test
    void exactZerosCountAsAgreeing() {
        assertEquals(0, GradientCheck.relativeError(0, 0));
        assertEquals(1, GradientCheck.relativeError(1e-3, 0), 1e-12);
        assertEquals(0.5, GradientCheck.relativeError(2, 1), 1e-12);
    }

    @Test
    void onABatchOfRealImagesTheAnalyticGradientPasses() {
        dev.slope.data.ImageSet train = dev.slope.TestRuns.shipped().train().head(500);
        for (boolean biasTrick : new boolean[] {true, false}) {
            Objective objective = new Objective(new SoftmaxCrossEntropy(), new Regularizers.L2(), 0.1, false);
            ImageGradientCheck.Report r = ImageGradientCheck.check(objective, train, new ImageGradientCheck.Batch(biasTrick,
                    20, 0.01, Difference.CENTRED, NumericalGradient.DEFAULT_STEP, 30, 1));
            assertEquals(20, r.images());
            assertEquals(biasTrick ? 1 : 2, r.report().blocks().size());
            assertTrue(r.report().passes(GRADIENT_CHECK), "bias trick " + biasTrick + ": " + r.report().maxRelativeError());
        }
    }

    /** Every loss x regularizer, none included, with centred and forward differences, at gradcheck's defaults. */
    @Test
    void everyLossAndRegularizerPassesOnRealImagesWithBothDifferences() {
        dev.slope.data.ImageSet train = dev.slope.TestRuns.shipped().train().head(2000);
        for (Loss loss : List.of(new MulticlassSvm(), new MulticlassSvm(1.0, true), new SoftmaxCrossEntropy(),
                new dev.slope.loss.OneVsAllSvm(), new dev.slope.loss.StructuredSvm())) {
            for (Regularizer reg : List.of(new Regularizers.None(), new Regularizers.L2(), new Regularizers.L1(),
                    new Regularizers.ElasticNet(1.0))) {
                for (Difference d : Difference.values()) {
                    Objective objective = new Objective(loss, reg, 0.1, false);
                    GradientCheck.Report r = ImageGradientCheck.check(objective, train, new ImageGradientCheck.Batch(true,
                            20, 0.01, d, NumericalGradient.DEFAULT_STEP, 100, 1)).report();
                    assertTrue(r.passes(GRADIENT_CHECK), loss + " + " + reg.name() + ", " + d + ": "
                            + r.maxBeyondFloor() + " beyond the floor " + r.floor());
                }
            }
        }
    }

    /** A loss whose score gradient is 5% too large fails the check on real images, with either difference. */
    @Test
    void aSlightlyWrongGradientFailsOnRealImagesWithBothDifferences() {
        Loss softmax = new SoftmaxCrossEntropy();
        Loss wrong = new Loss() {
            @Override
            public String name() {
                return "softmax, 5% off";
            }

            @Override
            public double lossAndGradient(double[] s, int offset, int classes, int label, double[] ds, int dOffset) {
                double v = softmax.lossAndGradient(s, offset, classes, label, ds, dOffset);
                if (ds != null) {
                    for (int c = 0; c < classes; c++) {
                        ds[dOffset + c] *= 1.05;
                    }
                }
                return v;
            }
        };
        dev.slope.data.ImageSet train = dev.slope.TestRuns.shipped().train().head(2000);
        for (Difference d : Difference.values()) {
            GradientCheck.Report r = ImageGradientCheck.check(new Objective(wrong, new Regularizers.L2(), 0.1, false), train,
                    new ImageGradientCheck.Batch(true, 20, 0.01, d, NumericalGradient.DEFAULT_STEP, 100, 1)).report();
            assertTrue(!r.passes(GRADIENT_CHECK), d + ": " + r.maxBeyondFloor());
            assertTrue(r.maxBeyondFloor() > 0.01, d + ": " + r.maxBeyondFloor());
        }
    }
}
