package dev.slope.optimize;

import dev.slope.InvalidValueException;
import dev.slope.linalg.Randoms;
import dev.slope.model.Parameters;
import dev.slope.objective.FusedPass;
import java.util.SplittableRandom;

/**
 * Strategy 2 of the lecture: from a random W, try {@code W + step·N(0, 1)} and keep the move when the
 * training loss drops. Each try costs one evaluation (the start costs one too).
 *
 * @param initScale the standard deviation of the starting weights
 * @param step      the standard deviation of each move
 */
public record RandomLocalSearch(double initScale, double step) implements Strategy {
    /** The default step (`slope compare --step-size`, `slope lecture local-search`). */
    public static final double DEFAULT_STEP = 0.005;

    public RandomLocalSearch {
        if (!Double.isFinite(initScale) || initScale < 0 || !Double.isFinite(step) || step <= 0) {
            throw new InvalidValueException(n -> "random local search needs " + n.name("init_scale") + " >= 0 and "
                    + n.name("step_size") + " > 0, got "
                    + initScale + " and " + step);
        }
    }

    @Override
    public String name() {
        return "random local search";
    }

    @Override
    public StrategyReport run(SearchProblem problem, Budget budget, FusedPass pass, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Curve curve = new Curve();
        Parameters w = problem.zeros();
        fill(w, initScale, random);
        double loss = problem.loss(pass, w);
        int evaluations = 1;
        curve.add(evaluations, loss);
        Parameters trial = problem.zeros();
        while (!budget.spent(evaluations, curve.seconds())) {
            float[] tw = trial.w();
            float[] ww = w.w();
            for (int k = 0; k < tw.length; k++) {
                tw[k] = ww[k] + (float) (step * Randoms.gaussian(random));
            }
            for (int c = 0; c < trial.b().length; c++) {
                trial.b()[c] = w.b()[c] + (float) (step * Randoms.gaussian(random));
            }
            double l = problem.loss(pass, trial);
            evaluations++;
            if (l < loss) {
                loss = l;
                w.set(trial);
            }
            curve.add(evaluations, loss);
        }
        return curve.report(name(), problem, pass, w, evaluations);
    }

    /** W (and b) = scale·N(0, 1). */
    static void fill(Parameters p, double scale, SplittableRandom random) {
        float[] w = p.w();
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) (scale * Randoms.gaussian(random));
        }
        for (int c = 0; c < p.b().length; c++) {
            p.b()[c] = (float) (scale * Randoms.gaussian(random));
        }
    }
}
