package dev.slope.objective;

import dev.slope.model.Parameters;
import dev.slope.linalg.Randoms;
import java.util.SplittableRandom;

/**
 * The loss around a point W, along random directions: {@code L(W + a·D1)} for a 1-D curve and
 * {@code L(W + a·D1 + b·D2)} for a 2-D surface. Each direction is Gaussian, rescaled row by row to the
 * norm of the matching class row of W ("filter normalization", Li et al. 2018), so a = 1 is a step as
 * long as the weights themselves; the bias is left where it is.
 */
public final class LossLandscape {
    private LossLandscape() {
    }

    /** a values and the loss at each. */
    public record Line(double[] alphas, double[] losses) {
    }

    /** losses[i][j] at (alphas[i], betas[j]). */
    public record Surface(double[] alphas, double[] betas, double[][] losses) {
    }

    /** A random direction shaped like W, each row scaled to the norm of W's row. */
    public static Parameters direction(Parameters p, SplittableRandom random) {
        Parameters d = Parameters.zeros(p.classes(), p.dim(), p.hasSeparateBias(), p.biasInLastColumn());
        int cols = p.biasInLastColumn() ? p.dim() - 1 : p.dim();
        for (int c = 0; c < p.classes(); c++) {
            double wn = 0;
            double dn = 0;
            for (int j = 0, o = c * p.dim(); j < cols; j++) {
                float v = (float) Randoms.gaussian(random);
                d.w()[o + j] = v;
                dn += (double) v * v;
                wn += (double) p.w()[o + j] * p.w()[o + j];
            }
            double f = dn == 0 ? 0 : Math.sqrt(wn / dn);
            for (int j = 0, o = c * p.dim(); j < cols; j++) {
                d.w()[o + j] *= (float) f;
            }
        }
        return d;
    }

    /** {@code points} values of a evenly spaced over [−radius, radius]. */
    public static Line line(Objective objective, Pass pass, Parameters p, double radius, int points, long seed) {
        Parameters d = direction(p, new SplittableRandom(seed));
        double[] a = grid(radius, points);
        double[] losses = new double[points];
        Parameters probe = p.copy();
        for (int i = 0; i < points; i++) {
            move(p, d, a[i], null, 0, probe);
            losses[i] = objective.value(pass, probe).total();
        }
        return new Line(a, losses);
    }

    /** A points × points grid over [−radius, radius]² along two independent random directions. */
    public static Surface surface(Objective objective, Pass pass, Parameters p, double radius, int points, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Parameters d1 = direction(p, random);
        Parameters d2 = direction(p, random);
        double[] a = grid(radius, points);
        double[][] losses = new double[points][points];
        Parameters probe = p.copy();
        for (int i = 0; i < points; i++) {
            for (int j = 0; j < points; j++) {
                move(p, d1, a[i], d2, a[j], probe);
                losses[i][j] = objective.value(pass, probe).total();
            }
        }
        return new Surface(a, a.clone(), losses);
    }

    private static double[] grid(double radius, int points) {
        if (points < 2 || !(radius > 0)) {
            throw new IllegalArgumentException("a landscape needs at least 2 points and a radius > 0");
        }
        double[] a = new double[points];
        for (int i = 0; i < points; i++) {
            a[i] = -radius + 2 * radius * i / (points - 1);
        }
        return a;
    }

    private static void move(Parameters p, Parameters d1, double a, Parameters d2, double b, Parameters out) {
        float[] w = p.w();
        float[] o = out.w();
        for (int k = 0; k < w.length; k++) {
            o[k] = (float) (w[k] + a * d1.w()[k] + (d2 == null ? 0 : b * d2.w()[k]));
        }
        System.arraycopy(p.b(), 0, out.b(), 0, p.b().length);
    }
}
