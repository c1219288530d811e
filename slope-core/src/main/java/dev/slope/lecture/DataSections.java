package dev.slope.lecture;

import dev.slope.objective.FusedPass;
import dev.slope.optimize.Budget;
import dev.slope.optimize.GradientDescent;
import dev.slope.optimize.RandomLocalSearch;
import dev.slope.optimize.RandomSearch;
import dev.slope.optimize.SearchProblem;
import dev.slope.optimize.Settings;
import dev.slope.optimize.Strategy;
import dev.slope.optimize.StrategyReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lecture's optimization sections, run on real images with a small budget of full-loss evaluations (one
 * evaluation = the loss over the whole training split, or the same number of examples in batches): the three
 * strategies of the lecture, then gradient descent's three batch sizes. The lecture's own CIFAR-10 figures are
 * quoted beside Slope's.
 */
public final class DataSections {
    /** The sections, in the lecture's order. */
    public static final Map<String, String> NAMES;
    /** Evaluations each search strategy may spend. */
    public static final double BUDGET = 100;
    /** Evaluations each batch size of the gradient-descent section may spend (stochastic steps are slow one by one). */
    public static final double DESCENT_BUDGET = 10;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("random-search", "strategy 1: random W, keep the best (the lecture: 15.5% on CIFAR-10)");
        m.put("local-search", "strategy 2: random steps, keep those that lower the loss (the lecture: 21.4%)");
        m.put("follow-the-slope", "strategy 3: step along the negative gradient, same budget");
        m.put("gradient-descent", "full batch, stochastic (1) and mini-batch (256) on the same budget");
        NAMES = Collections.unmodifiableMap(m);
    }

    private DataSections() {
    }

    /** Runs one section on the problem (warm the pass up first with {@link Strategy#warmUp}). */
    public static Worked run(String name, SearchProblem problem, FusedPass pass, long seed) {
        Budget budget = new Budget(BUDGET, Budget.Unit.EVALUATIONS);
        double chance = 1.0 / problem.train().classCount();
        return switch (name) {
            case "random-search" -> strategy("Strategy 1: random search", new RandomSearch(RandomSearch.DEFAULT_SCALE),
                    problem, budget, pass, seed, chance, "the lecture's random search on CIFAR-10: 15.5% (chance 10%)");
            case "local-search" -> strategy("Strategy 2: random local search",
                    new RandomLocalSearch(problem.config().get(Settings.INIT_SCALE), RandomLocalSearch.DEFAULT_STEP), problem,
                    budget, pass, seed, chance, "the lecture's random local search on CIFAR-10: 21.4% (chance 10%)");
            case "follow-the-slope" -> strategy("Strategy 3: follow the slope (mini-batch gradient descent, batch 256)",
                    new GradientDescent(256), problem, budget, pass, seed, chance,
                    "the gradient points down the slope at once: no guessing");
            case "gradient-descent" -> gradientDescent(problem, new Budget(DESCENT_BUDGET, Budget.Unit.EVALUATIONS), pass, seed);
            default -> throw new IllegalArgumentException("no section '" + name + "'");
        };
    }

    private static Worked strategy(String title, Strategy s, SearchProblem problem, Budget budget, FusedPass pass, long seed,
                                   double chance, String lecture) {
        Worked w = new Worked(title + ", " + (int) BUDGET + " evaluations on " + problem.train().source().name());
        StrategyReport r = s.run(problem, budget, pass, seed);
        w.number("evaluations", "evaluations spent", r.evaluations());
        w.number("seconds", "seconds", r.seconds());
        w.number("final_loss", "training loss of the best W", r.finalLoss());
        w.number("test_accuracy", "test accuracy", r.testAccuracy());
        w.number("chance", "chance (1 / classes)", chance);
        w.text(lecture);
        return w;
    }

    private static Worked gradientDescent(SearchProblem problem, Budget budget, FusedPass pass, long seed) {
        Worked w = new Worked("Gradient descent: the same " + (int) budget.amount() + " evaluations in batches of three sizes on "
                + problem.train().source().name());
        int n = problem.train().size();
        for (int size : new int[] {n, 1, 256}) {
            String key = size == n ? "full" : size == 1 ? "stochastic" : "mini_batch_256";
            String label = size == n ? "full batch (" + n + " examples a step)" : size == 1 ? "stochastic (1 example a step)"
                    : "mini-batch (256 examples a step)";
            Worked part = w.part(key, label);
            StrategyReport r = new GradientDescent(size).run(problem, budget, pass, seed);
            part.number("steps", "steps", Math.round(r.evaluations() * n / size));
            part.number("seconds", "seconds", r.seconds());
            part.number("final_loss", "final training loss", r.finalLoss());
            part.number("test_accuracy", "test accuracy", r.testAccuracy());
        }
        w.text("The same number of examples seen: full batch takes few exact steps, stochastic many noisy ones;");
        w.text("mini-batches (32 to 512 in practice) get most of both, and use the machine's vector units well.");
        return w;
    }
}
