package dev.slope.optimize;

import dev.slope.InvalidValueException;
import dev.slope.model.Parameters;
import dev.slope.objective.FusedPass;
import java.util.SplittableRandom;

/**
 * Strategy 1 of the lecture: draw W = scale·N(0, 1) afresh each time, keep the one with the lowest
 * training loss. Each candidate costs one evaluation. (The lecture's scale, 0.0001 on raw CIFAR-10
 * pixels 0..255, is about 0.025 on Slope's pixels scaled to 0..1.)
 *
 * @param scale the standard deviation of each weight
 */
public record RandomSearch(double scale) implements Strategy {
    /** The default scale (`slope compare --search-scale`, `slope lecture random-search`). */
    public static final double DEFAULT_SCALE = 0.02;

    public RandomSearch {
        if (!Double.isFinite(scale) || scale <= 0) {
            throw new InvalidValueException(n -> n.name("search_scale") + " must be a finite number > 0, got " + scale);
        }
    }

    @Override
    public String name() {
        return "random search";
    }

    @Override
    public StrategyReport run(SearchProblem problem, Budget budget, FusedPass pass, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Curve curve = new Curve();
        Parameters candidate = problem.zeros();
        Parameters best = problem.zeros();
        double bestLoss = Double.POSITIVE_INFINITY;
        int evaluations = 0;
        while (!budget.spent(evaluations, curve.seconds())) {
            RandomLocalSearch.fill(candidate, scale, random);
            double loss = problem.loss(pass, candidate);
            evaluations++;
            if (loss < bestLoss) {
                bestLoss = loss;
                best.set(candidate);
            }
            curve.add(evaluations, bestLoss);
        }
        return curve.report(name(), problem, pass, best, evaluations);
    }
}
