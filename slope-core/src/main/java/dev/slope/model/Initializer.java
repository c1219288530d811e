package dev.slope.model;

import dev.slope.InvalidValueException;
import dev.slope.linalg.Randoms;
import java.util.SplittableRandom;

/**
 * The starting point of training: {@code W = scale·N(0, 1)}, b = 0 (and the folded bias column 0).
 * Small random weights make every score about 0, so the first loss is C − 1 (SVM) or ln C (softmax):
 * the lecture's first sanity check.
 *
 * @param scale the standard deviation of each weight, ≥ 0
 */
public record Initializer(double scale) {
    public Initializer {
        if (!Double.isFinite(scale) || scale < 0) {
            throw new InvalidValueException(n -> n.name("init_scale") + " must be a finite number >= 0, got " + scale);
        }
    }

    /** New parameters of the given shape, drawn from {@code random}. */
    public Parameters draw(int classes, int dim, boolean biasTrick, SplittableRandom random) {
        Parameters p = Parameters.zeros(classes, dim, !biasTrick, biasTrick);
        float[] w = p.w();
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) (scale * Randoms.gaussian(random));
        }
        if (biasTrick) {
            for (int c = 0; c < classes; c++) {
                w[c * dim + dim - 1] = 0f;
            }
        }
        return p;
    }
}
