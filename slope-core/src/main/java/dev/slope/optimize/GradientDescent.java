package dev.slope.optimize;

import dev.slope.learn.TrainingListener;
import dev.slope.objective.FusedPass;

/**
 * Strategy 3 of the lecture, "follow the slope": the {@link GradientTrainer} with a batch size (1 is
 * stochastic, {@link TrainConfig#FULL_BATCH} is batch gradient descent) and the problem's settings for
 * everything else. A budget of E evaluations is E epochs. The training loss on the curve is measured at
 * about 60 points spread evenly on a log scale of the work done; that measuring, and the trainer's
 * per-epoch accuracy pass, are not counted.
 *
 * @param batchSize examples per step
 */
public record GradientDescent(int batchSize) implements Strategy {
    static final int CURVE_POINTS = 60;

    @Override
    public String name() {
        return batchSize == TrainConfig.FULL_BATCH ? "gradient descent, full batch"
                : batchSize == 1 ? "stochastic gradient descent (batch 1)" : "mini-batch gradient descent (batch " + batchSize + ")";
    }

    @Override
    public StrategyReport run(SearchProblem problem, Budget budget, FusedPass pass, long seed) {
        int epochs = budget.inSeconds() ? Integer.MAX_VALUE / 2 : (int) Math.ceil(budget.amount() - 1e-9);
        TrainConfig config = problem.config().toBuilder().set(Settings.BATCH_SIZE, batchSize).set(Settings.EPOCHS, epochs)
                .set(Settings.SEED, seed).set(Settings.PATIENCE, 0).build();
        int n = problem.train().size();
        Curve curve = new Curve();
        double[] examples = {0};
        double[] next = {1.0 / n};
        double end = budget.inSeconds() ? Double.MAX_VALUE : budget.amount();
        double ratio = Math.pow(Math.max(end, 1.0) * n, 1.0 / CURVE_POINTS);
        TrainingListener watcher = new TrainingListener() {
            private boolean stop;
            private long lastStep = System.nanoTime();

            @Override
            public void onStart(TrainingPlan plan) {
                long t0 = System.nanoTime();
                curve.add(0, problem.loss(pass, plan.initial()));
                curve.exclude(t0);
                lastStep = System.nanoTime();
            }

            @Override
            public void onStep(StepReport r) {
                examples[0] += r.batchSize();
                double evaluations = examples[0] / n;
                if (evaluations >= next[0] || budget.spent(evaluations, curve.seconds())) {
                    long m0 = System.nanoTime();
                    curve.add(evaluations, problem.loss(pass, r.parameters()));
                    curve.exclude(m0);
                    while (next[0] <= evaluations) {
                        next[0] *= ratio;
                    }
                }
                stop = budget.inSeconds() && curve.seconds() >= budget.amount();
                lastStep = System.nanoTime();
            }

            @Override
            public void onEpoch(EpochReport report) {
                curve.exclude(lastStep); // the trainer's per-epoch accuracy pass is reporting, not search
            }

            @Override
            public boolean stopRequested() {
                return stop;
            }
        };
        GradientTrainer.Result result = new GradientTrainer(config, pass.engine()).train(problem.train(),
                problem.validation().head(0), watcher);
        return curve.report(name(), problem, pass, result.model().parameters(), examples[0] / n);
    }
}
