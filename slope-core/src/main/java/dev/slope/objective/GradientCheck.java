package dev.slope.objective;

import dev.slope.linalg.Randoms;
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
 * reported as its maximum and mean per block of parameters (W, b). An entry agrees when its relative error
 * is below the tolerance or its difference |a_k − n_k| is within what the finite difference itself cannot
 * resolve (counted as {@code withinFloor}); the check passes when every entry agrees. The floor is
 *
 * <pre>
 *   centred:  {@value #RESOLUTION_FACTOR}·ε·max(1, |f|)/h                 rounding of f, divided by h
 *   forward:  the same + h·max(1, |f|)                     plus its O(h) truncation error (h/2)·|f''|,
 *                                                          taking the curvature to be at most 2·max(1, |f|)
 * </pre>
 *
 * (ε the double epsilon). Without it, a tiny true derivative (a background pixel, a class that violates
 * no margin) shows a large relative error on a correct gradient, and forward differences fail on every
 * curved objective. A wrong gradient still fails: its error is of the size of the gradient, far above
 * the floor (1e-9 for centred differences at h = 1e-5; 2e-5 for forward ones, so prefer centred).
 *
 * <p>As a rule of thumb for a smooth objective in double precision with centred differences: below 1e-7
 * is right, around 1e-4 is suspicious unless a kink (a hinge, |w| at 0) lies within h of the point,
 * above 1e-2 is a bug.
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

    /**
     * What one block's check found.
     *
     * @param withinFloor      entries whose difference is within the floor
     * @param maxRelativeError the largest relative error of any entry
     * @param maxBeyondFloor   the largest relative error of an entry whose difference is beyond the floor (0 if none)
     */
    public record BlockReport(String name, int checked, int withinFloor, double maxRelativeError,
                              double meanRelativeError, double maxBeyondFloor) {
    }

    /**
     * What a whole check found.
     *
     * @param floor the absolute difference below which an entry counts as agreeing
     */
    public record Report(List<BlockReport> blocks, int checked, double maxRelativeError, double meanRelativeError,
                         Difference difference, double step, double floor) {
        /** True when every entry's relative error is below the tolerance or its difference within the floor. */
        public boolean passes(double tolerance) {
            return maxBeyondFloor() < tolerance;
        }

        /** The largest relative error among entries whose difference is beyond the floor. */
        public double maxBeyondFloor() {
            return blocks.stream().mapToDouble(BlockReport::maxBeyondFloor).max().orElse(0);
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
        double floor = floor(kind, h, f0);
        double resolution = floor(Difference.CENTRED, h, f0);
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
            double beyond = 0;
            int within = 0;
            for (int k : entries) {
                double numerical = NumericalGradient.partial(f, theta, k, h, kind, f0);
                // both below what rounding resolves: a zero derivative measured as noise, not an error
                double err = Math.abs(analytic[k]) < resolution && Math.abs(numerical) < resolution ? 0
                        : relativeError(analytic[k], numerical);
                if (Math.abs(analytic[k] - numerical) <= floor) {
                    within++;
                } else {
                    beyond = Math.max(beyond, err);
                }
                bmax = Math.max(bmax, err);
                bsum += err;
            }
            reports.add(new BlockReport(block.name(), entries.length, within, bmax,
                    entries.length == 0 ? 0 : bsum / entries.length, beyond));
            max = Math.max(max, bmax);
            sum += bsum;
            total += entries.length;
        }
        return new Report(List.copyOf(reports), total, max, total == 0 ? 0 : sum / total, kind, h, floor);
    }

    /** The absolute difference a finite difference of step h cannot resolve at a point where f = f0. */
    public static double floor(Difference kind, double h, double f0) {
        double scale = Math.max(1, Math.abs(f0));
        double rounding = RESOLUTION_FACTOR * EPSILON * scale / h;
        return kind == Difference.FORWARD ? rounding + h * scale : rounding;
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
        int[] order = Randoms.permutation(size, random);
        int[] picked = new int[samples];
        for (int i = 0; i < samples; i++) {
            picked[i] = block.from() + order[i];
        }
        java.util.Arrays.sort(picked);
        return picked;
    }
}
