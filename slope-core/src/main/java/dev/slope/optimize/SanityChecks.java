package dev.slope.optimize;

import dev.slope.InvalidValueException;
import dev.slope.data.ImageSet;
import dev.slope.linalg.BatchEngine;
import dev.slope.model.Parameters;
import dev.slope.objective.FusedPass;
import dev.slope.objective.Objective;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Splits;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The lecture's sanity checks before a long run, each PASS or FAIL with its numbers:
 * <ol>
 *   <li>with a small random W every score is about 0, so the data loss is the loss at equal scores
 *       (C − 1 for the SVM with margin 1, ln C for softmax);</li>
 *   <li>adding regularization makes the loss go up;</li>
 *   <li>a tiny subset can be fitted to 100% training accuracy.</li>
 * </ol>
 */
public final class SanityChecks {
    /** Images of the training set the regularization check trains on. */
    static final int REG_CHECK_IMAGES = 2000;
    static final double[] LAMBDAS = {0, 1e-3, 1e-2, 1e-1, 1};
    static final int OVERFIT_STEPS = 300;

    private SanityChecks() {
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int k = 0; k < pairs.length; k += 2) {
            m.put((String) pairs[k], pairs[k + 1]);
        }
        return m;
    }

    /** One check: its name, whether it passed, a line of explanation and its numbers (snake_case keys). */
    public record Check(String name, boolean passed, String detail, Map<String, Object> numbers) {
    }

    /**
     * Runs the three checks on training images.
     *
     * @param base   the loss, regularizer, preprocessing and seed to check
     * @param subset images the overfitting check must fit, at least 2
     */
    public static List<Check> run(ImageSet train, TrainConfig base, int subset, BatchEngine engine) {
        if (subset < 2) {
            throw new InvalidValueException(n -> n.name("subset") + " must be at least 2, got " + subset);
        }
        return List.of(initialLoss(train, base, engine), lossGrowsWithRegularization(train, base, engine),
                overfitTinySubset(train, base, subset, engine));
    }

    private static dev.slope.data.DatasetInfo source(ImageSet images) {
        return dev.slope.data.DatasetInfo.of("sanity", images, images.head(0));
    }

    static Check initialLoss(ImageSet train, TrainConfig base, BatchEngine engine) {
        Dataset rows = Splits.prepare(source(train), train, train.head(0), base.pipelineSpec(), 0, base.seed()).train();
        Parameters small = new dev.slope.model.Initializer(1e-4).draw(rows.classCount(), rows.dim(),
                rows.pipeline().biasTrick(), new SplittableRandom(base.seed()));
        Objective plain = base.toBuilder().set(Settings.REG, 0.0).build().objective();
        double initial = plain.value(new FusedPass(engine, rows), small).total();
        double expected = plain.loss().lossAtEqualScores(rows.classCount());
        boolean ok = Math.abs(initial - expected) < 0.01 * Math.max(expected, 1); // relative, absolute near 0
        return new Check("initial loss", ok, String.format(Locale.ROOT, "%.4f with W ~ 1e-4 N(0,1), expected %.4f"
                + " (the loss when every score is equal: %s)", initial, expected,
                switch (plain.loss().name()) {
                    case "svm" -> "C - 1";
                    case "ova" -> "C";
                    case "structured" -> "1";
                    default -> "ln C";
                }), ordered("initial_loss", initial, "expected_loss", expected));
    }

    static Check lossGrowsWithRegularization(ImageSet train, TrainConfig base, BatchEngine engine) {
        ImageSet head = train.head(REG_CHECK_IMAGES);
        Splits some = Splits.prepare(source(head), head, train.head(0), base.pipelineSpec(), 0, base.seed());
        TrainConfig oneEpoch = base.toBuilder().set(Settings.EPOCHS, 1).set(Settings.VAL_FRACTION, 0.0).build();
        // with --reg-type none the penalty is 0 at every strength: the check then tries the usual L2
        String regType = base.get(Settings.REG_TYPE).equals("none") ? "l2" : base.get(Settings.REG_TYPE);
        Parameters trained = new GradientTrainer(oneEpoch, engine).learn(some.train(), some.validation()).parameters();
        FusedPass pass = new FusedPass(engine, some.train());
        double[] losses = new double[LAMBDAS.length];
        boolean ok = true;
        StringBuilder detail = new StringBuilder();
        for (int k = 0; k < LAMBDAS.length; k++) {
            Objective o = base.toBuilder().set(Settings.REG_TYPE, regType).set(Settings.REG, LAMBDAS[k]).build().objective();
            losses[k] = o.value(pass, trained).total();
            ok &= k == 0 || losses[k] > losses[k - 1];
            detail.append(String.format(Locale.ROOT, "%sreg %s: %.4f", k == 0 ? "" : ", ", LAMBDAS[k], losses[k]));
        }
        if (!regType.equals(base.get(Settings.REG_TYPE))) {
            detail.append(" (with l2: the run's regularizer, none, has no penalty to grow)");
        }
        return new Check("loss grows with regularization", ok, detail.toString(),
                ordered("reg", LAMBDAS.clone(), "total_loss", losses));
    }

    static Check overfitTinySubset(ImageSet train, TrainConfig base, int subset, BatchEngine engine) {
        ImageSet tiny = dev.slope.data.Split.holdOut(train, 0, base.seed()).train().head(subset);
        TrainConfig overfit = base.toBuilder().set(Settings.REG, 0.0).set(Settings.BATCH_SIZE, TrainConfig.FULL_BATCH)
                .set(Settings.EPOCHS, OVERFIT_STEPS).set(Settings.UPDATE, "sgd").set(Settings.LR_SCHEDULE, "constant")
                .set(Settings.WARMUP_STEPS, 0L).set(Settings.SAMPLING, "shuffle").set(Settings.MAX_NORM, 0.0)
                .set(Settings.PATIENCE, 0)
                .set(Settings.LR, base.get(Settings.LOSS).equals("svm") ? 0.05 : 0.5).set(Settings.VAL_FRACTION, 0.0).build();
        Splits s = Splits.prepare(source(tiny), tiny, tiny.head(0), overfit.pipelineSpec(), 0, overfit.seed());
        GradientTrainer.Result r = new GradientTrainer(overfit, engine).train(s.train(), s.validation());
        boolean ok = r.trainAccuracy() == 1.0;
        return new Check("overfit a tiny subset", ok, String.format(Locale.ROOT,
                "%d images, no regularization, %d full-batch steps: training accuracy %.2f%%, loss %.4f", tiny.size(),
                OVERFIT_STEPS, 100 * r.trainAccuracy(), r.finalLoss()), ordered("images", tiny.size(), "train_accuracy",
                r.trainAccuracy(), "final_loss", r.finalLoss()));
    }
}
