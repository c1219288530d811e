package dev.slope.optimize;

import dev.slope.learn.Learner;
import dev.slope.eval.Evaluation;
import dev.slope.model.LinearModel;
import dev.slope.model.Parameters;
import dev.slope.objective.FusedPass;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Splits;
import java.util.Arrays;

/**
 * A way to search for W that minimizes the training loss: the lecture's random search, random local
 * search and "follow the slope" (gradient descent). All run under a {@link Budget} and report on the
 * same terms; all repeat exactly from their seed.
 */
public interface Strategy {

    /** A short name for tables and plots. */
    String name();

    /** @param pass a pass over the problem's training rows ({@link SearchProblem#pass}) */
    StrategyReport run(SearchProblem problem, Budget budget, FusedPass pass, long seed);

    /**
     * This strategy as a {@link Learner}: it minimizes the config's objective on the training rows within the
     * budget and returns the best W it found as a model. It reports no steps to listeners.
     */
    default Learner<LinearModel> learner(TrainConfig config, Budget budget, dev.slope.linalg.BatchEngine engine,
                                         long seed) {
        return (train, validation, listeners) -> {
            SearchProblem problem = new SearchProblem(new Splits(train.requireLearnable("the training rows"), validation,
                    validation.head(0)), config);
            return run(problem, budget, problem.pass(engine), seed).model();
        };
    }

    /**
     * Runs the hot paths once on the problem and throws the result away, so that the first strategy timed does
     * not pay for the JVM's compilation of them (the others would not).
     */
    static void warmUp(SearchProblem problem, FusedPass pass) {
        Budget once = new Budget(1, Budget.Unit.EVALUATIONS);
        new RandomSearch(0.01).run(problem, once, pass, 0);
        new GradientDescent(64).run(problem, once, pass, 0);
    }

    /** Accumulates a loss curve and the clock, leaving out the time spent measuring. */
    final class Curve {
        private double[] ev = new double[64];
        private double[] sec = new double[64];
        private double[] loss = new double[64];
        private int n;
        private final long start = System.nanoTime();
        private long excluded;

        /** Seconds of work so far. */
        public double seconds() {
            return (System.nanoTime() - start - excluded) / 1e9;
        }

        /** Leaves the time since {@code t0} (System.nanoTime) out of the clock. */
        public void exclude(long t0) {
            excluded += System.nanoTime() - t0;
        }

        public void add(double evaluations, double lossValue) {
            if (n == ev.length) {
                ev = Arrays.copyOf(ev, 2 * n);
                sec = Arrays.copyOf(sec, 2 * n);
                loss = Arrays.copyOf(loss, 2 * n);
            }
            ev[n] = evaluations;
            sec[n] = seconds();
            loss[n] = lossValue;
            n++;
        }

        /** The report of a finished search whose best W is {@code best}. */
        public StrategyReport report(String name, SearchProblem problem, FusedPass pass, Parameters best, double evaluations) {
            double seconds = seconds();
            LinearModel model = problem.model(best, pass.kernelName());
            return new StrategyReport(name, evaluations, seconds, Arrays.copyOf(ev, n), Arrays.copyOf(sec, n),
                    Arrays.copyOf(loss, n), problem.loss(pass, best), accuracy(model, problem.train(), pass),
                    accuracy(model, problem.validation(), pass), accuracy(model, problem.test(), pass), model);
        }

        private static double accuracy(LinearModel m, Dataset rows, FusedPass pass) {
            return rows.isEmpty() ? Double.NaN : Evaluation.of(m, rows, pass.engine()).accuracy();
        }
    }
}
