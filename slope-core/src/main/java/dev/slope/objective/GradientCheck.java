package dev.slope.objective;

import dev.slope.data.Split;
import dev.slope.objective.NumericalGradient.Difference;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Compares an analytic gradient with a numerical one, entry by entry, by the relative error
 *
 * <pre>
 *   err_k = |a_k − n_k| / max(|a_k|, |n_k|)       (0 when both are 0)
 * </pre>
 *
 * reported as its maximum and mean per block of parameters (W, b).
 *
 * <p>A finite difference cannot resolve a derivative smaller than its rounding noise, about
 * ε·max(1, |f|)/h (ε the double epsilon): there the quotient is noise around 0, and a gradient that is
 * exactly 0 (an SVM class that violates no margin, a background pixel) would show a relative error of 1.
 * Entries where both |a| and |n| are below {@value #RESOLUTION_FACTOR}·ε·max(1, |f|)/h count as
 * agreeing (error 0) and are reported as {@code belowResolution}.
 *
 * <p>As a rule of thumb for a smooth
 * objective in double precision with centred differences: below 1e-7 is right, around 1e-4 is
 * suspicious unless a kink (a hinge, |w| at 0) lies within h of the point, above 1e-2 is a bug.
 */
public final class GradientCheck {

    /** Multiple of ε·max(1, |f|)/h below which a derivative is not resolved by a finite difference. */
    public static final double RESOLUTION_FACTOR = 16;
    private static final double EPSILON = Math.ulp(1.0);

    private GradientCheck() {
    }

    /** A named range θ[from..to) of parameters, such as W or b. */
    public record Block(String name, int from, int to) {
        public Block {
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("bad block " + name + " " + from + ".." + to);
            }
        }

        int size() {
            return to - from;
        }
    }

    /** What one block's check found. */
    public record BlockReport(String name, int checked, int belowResolution, double maxRelativeError,
                              double meanRelativeError) {
    }

    /** What a whole check found. */
    public record Report(List<BlockReport> blocks, int checked, double maxRelativeError, double meanRelativeError,
                         Difference difference, double step) {
        public boolean passes(double tolerance) {
            return maxRelativeError < tolerance;
        }
    }

    /** |a − n| / max(|a|, |n|), and 0 when both are 0. */
    public static double relativeError(double analytic, double numerical) {
        double scale = Math.max(Math.abs(analytic), Math.abs(numerical));
        return scale == 0 ? 0 : Math.abs(analytic - numerical) / scale;
    }

    /**
     * Checks f's analytic gradient at θ.
     *
     * @param theta   the point; perturbed during the check and restored
     * @param blocks  the blocks to report on (together they may cover all of θ or part of it)
     * @param samples entries checked per block, drawn without replacement; 0 (or more than a block
     *                holds) checks every entry of the block
     * @param seed    picks the sampled entries
     */
    public static Report check(DifferentiableFunction f, double[] theta, List<Block> blocks, Difference kind, double h,
                               int samples, long seed) {
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("the finite-difference step h must be > 0, got " + h);
        }
        double[] analytic = new double[theta.length];
        double f0 = f.valueAndGradient(theta, analytic);
        double resolution = RESOLUTION_FACTOR * EPSILON * Math.max(1, Math.abs(f0)) / h;
        SplittableRandom random = new SplittableRandom(seed);
        List<BlockReport> reports = new ArrayList<>();
        double max = 0;
        double sum = 0;
        int total = 0;
        for (Block block : blocks) {
            if (block.to() > theta.length) {
                throw new IllegalArgumentException("block " + block.name() + " ends at " + block.to() + " but θ holds "
                        + theta.length);
            }
            int[] entries = pick(block, samples, random.split());
            double bmax = 0;
            double bsum = 0;
            int unresolved = 0;
            for (int k : entries) {
                double numerical = NumericalGradient.partial(f, theta, k, h, kind, f0);
                double err = relativeError(analytic[k], numerical);
                if (Math.abs(analytic[k]) < resolution && Math.abs(numerical) < resolution) {
                    err = 0;
                    unresolved++;
                }
                bmax = Math.max(bmax, err);
                bsum += err;
            }
            reports.add(new BlockReport(block.name(), entries.length, unresolved, bmax, entries.length == 0 ? 0 : bsum / entries.length));
            max = Math.max(max, bmax);
            sum += bsum;
            total += entries.length;
        }
        return new Report(List.copyOf(reports), total, max, total == 0 ? 0 : sum / total, kind, h);
    }

    private static int[] pick(Block block, int samples, SplittableRandom random) {
        int size = block.size();
        if (samples <= 0 || samples >= size) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) {
                all[i] = block.from() + i;
            }
            return all;
        }
        int[] order = Split.permutation(size, random);
        int[] picked = new int[samples];
        for (int i = 0; i < samples; i++) {
            picked[i] = block.from() + order[i];
        }
        java.util.Arrays.sort(picked);
        return picked;
    }
}
