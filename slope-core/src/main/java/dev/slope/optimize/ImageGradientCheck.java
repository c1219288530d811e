package dev.slope.optimize;

import dev.slope.InvalidValueException;
import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageSet;
import dev.slope.linalg.Randoms;
import dev.slope.model.Initializer;
import dev.slope.model.Parameters;
import dev.slope.objective.ExactObjective;
import dev.slope.objective.GradientCheck;
import dev.slope.objective.NumericalGradient.Difference;
import dev.slope.objective.Objective;
import dev.slope.preprocess.Pipeline;
import dev.slope.preprocess.Preprocessing;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The gradient check on real images ({@code slope gradcheck}): an objective's analytic gradient against
 * {@link GradientCheck}'s finite differences on a random batch made by the default pipeline, at a random W. Beside
 * the trainer, since it reads images and fits a pipeline; {@link GradientCheck} itself knows only functions.
 */
public final class ImageGradientCheck {
    private ImageGradientCheck() {
    }

    /**
     * What to check on a batch of real images.
     *
     * @param biasTrick  the bias folded into W (as in training) or a separate b, checked as its own block
     * @param batch      images drawn from the set
     * @param initScale  the random point W ~ initScale·N(0, 1) (the bias too, so it is not 0)
     * @param samples    entries checked per block; 0 checks all
     * @param seed       picks the batch, W and the checked entries
     */
    public record Batch(boolean biasTrick, int batch, double initScale, Difference difference, double step,
                         int samples, long seed) {
        public Batch {
            if (batch < 1) {
                throw new InvalidValueException(n -> n.name("batch") + " must be at least 1, got " + batch);
            }
            if (samples < 0) {
                throw new InvalidValueException(n -> n.name("samples") + " must be >= 0 (0 checks every weight), got " + samples);
            }
            if (!(step > 0) || !Double.isFinite(step)) {
                throw new InvalidValueException(n -> n.name("step") + " must be a finite number > 0, got " + step);
            }
            if (!(initScale > 0) || !Double.isFinite(initScale)) {
                throw new InvalidValueException(n -> n.name("init_scale") + " must be a finite number > 0, got " + initScale);
            }
        }
    }

    /** A check on a batch of images: the report and how many images the batch held. */
    public record Report(GradientCheck.Report report, int images) {
    }

    /**
     * Checks the objective's analytic gradient on a random batch of images, in double precision
     * ({@link ExactObjective}) at a random W. The pixels go through the default pipeline (scale to 0..1,
     * mean image of all the given images, the bias trick as asked).
     */
    public static Report check(Objective objective, ImageSet all, Batch s) {
        SplittableRandom random = new SplittableRandom(s.seed());
        int[] pick = Randoms.permutation(all.size(), random.split());
        ImageSet images = all.select(java.util.Arrays.copyOf(pick, Math.min(s.batch(), all.size())));
        Pipeline pipeline = new Pipeline.Spec(Preprocessing.DEFAULT_SCALE, true, s.biasTrick()).fit(all);
        var rows = pipeline.apply(images, DatasetInfo.of("gradient check", images, images.head(0)), "batch");
        ExactObjective f = ExactObjective.of(objective, rows.rows(), rows.labelArray(), rows.size(), all.classCount(),
                !s.biasTrick(), s.biasTrick());
        Parameters w = new Initializer(s.initScale()).draw(all.classCount(), pipeline.inputDim(), s.biasTrick(),
                random.split());
        for (int c = 0; c < w.classes(); c++) {
            float bias = (float) (s.initScale() * Randoms.gaussian(random));
            if (s.biasTrick()) {
                w.w()[c * w.dim() + w.dim() - 1] = bias;
            } else {
                w.b()[c] = bias;
            }
        }
        List<GradientCheck.Block> blocks = new ArrayList<>();
        blocks.add(new GradientCheck.Block("W", 0, f.biasOffset()));
        if (!s.biasTrick()) {
            blocks.add(new GradientCheck.Block("b", f.biasOffset(), f.size()));
        }
        GradientCheck.Report r = GradientCheck.check(f, w.flatten(), blocks, s.difference(), s.step(), s.samples(), random.nextLong());
        return new Report(r, images.size());
    }

}
