package dev.slope.run;

import dev.slope.SlopeException;
import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageData;
import dev.slope.data.ImageSet;
import dev.slope.eval.Evaluation;
import dev.slope.learn.CrossValidation;
import dev.slope.learn.Learner;
import dev.slope.learn.TrainingListener;
import dev.slope.linalg.BatchEngine;
import dev.slope.model.LinearModel;
import dev.slope.optimize.DivergedException;
import dev.slope.optimize.HyperparameterSearch.Plan;
import dev.slope.optimize.HyperparameterSearch.Trial;
import dev.slope.optimize.HyperparameterSearch;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Splits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a {@link HyperparameterSearch}: every trial is a {@link TrainingRun} (one thread each, trials in parallel),
 * scored by validation accuracy on a held-out split or by k-fold cross-validation; the best settings' model is the best
 * trial's own (held out) or one trained again with them on all the training images (cross-validation), and is then
 * scored on the test images once.
 */
public final class Search {
    private Search() {
    }

    /**
     * All trials, best first (diverged ones and NaN scores last), and the model of the best settings with its summary
     * (the keys of every run's: its test accuracy is the only time the test images are read).
     */
    public record Result(List<Trial> trials, Trial best, LinearModel model, Summary summary) {
    }

    /**
     * Runs every trial on the data's training images (split into training and validation by the plan), then scores the
     * best settings' model on its test images.
     *
     * @param onTrial called (from worker threads, one at a time) as each trial ends
     */
    public static Result run(TrainConfig base, ImageData data, Plan plan, java.util.function.Consumer<Trial> onTrial) {
        HyperparameterSearch.check(base, plan);
        ImageSet train = data.train();
        DatasetInfo source = DatasetInfo.of(data);
        String where = data.source().toAbsolutePath().normalize().toString();
        List<Map<String, Double>> points = HyperparameterSearch.points(plan);
        // when no trial changes how the data is prepared (the pipeline, the split, the seed), the trials share
        // one preparation: features are extracted (and a codebook fitted) once, not once per trial
        boolean share = points.stream().map(p -> preparation(HyperparameterSearch.apply(base, p))).distinct().count() == 1;
        Map<Integer, Splits> shared = new java.util.concurrent.ConcurrentHashMap<>();
        Map<Trial, Summary> summaries = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
        ExecutorService pool = Executors.newFixedThreadPool(plan.threads(), r -> {
            Thread t = new Thread(r, "slope-search");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Trial>> futures = new ArrayList<>();
            for (Map<String, Double> p : points) {
                futures.add(pool.submit(() -> {
                    Trial t = trial(HyperparameterSearch.apply(base, p), p, source, where, train, plan.folds(),
                            share ? shared : null, summaries);
                    synchronized (onTrial) {
                        onTrial.accept(t);
                    }
                    return t;
                }));
            }
            List<Trial> trials = new ArrayList<>();
            for (Future<Trial> f : futures) {
                trials.add(f.get());
            }
            trials.sort(HyperparameterSearch.RANKING);
            Trial best = trials.get(0);
            if (!best.diverged() && Double.isNaN(best.validationAccuracy())) {
                int count = trials.size();
                throw new SlopeException(n -> "none of the " + count + " trials could be scored (no validation images);"
                        + " hold some out with " + n.name("val_fraction") + " or use " + n.name("folds"));
            }
            if (best.diverged()) {
                int count = trials.size();
                throw new SlopeException(n -> "every one of the " + count + " trials diverged (" + best.failure()
                        + "); search lower learning rates, e.g. " + n.name("lr") + " 1e-4:1e-1");
            }
            // the best settings' model and summary get the threads the trials had: the plan's, no more
            TrainConfig config = HyperparameterSearch.apply(base, best.values());
            try (BatchEngine engine = new BatchEngine(plan.threads())) {
                if (plan.folds() >= 2) {
                    // trained again with the best settings on all the training images (the config's validation split)
                    TrainingRun.Outcome refit = TrainingRun.run(TrainingRun.Request.of(config, data), engine,
                            TrainingRun.LOCAL);
                    return new Result(List.copyOf(trials), best, refit.model(), refit.summary());
                }
                LinearModel model = best.model();
                Evaluation test = Evaluation.of(model, model.pipeline().apply(data.test(), DatasetInfo.unhashed(data),
                        "test split", engine), engine);
                return new Result(List.copyOf(trials), best, model, summaries.get(best).withTest(test.accuracy(),
                        test.total()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlopeException("the search was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new SlopeException("a trial failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** What decides how a trial's data is prepared. */
    private static List<Object> preparation(TrainConfig config) {
        return List.of(config.pipelineSpec(), config.valFraction(), config.seed());
    }

    /**
     * Trains one trial: one run on a held-out split, or one per fold ({@link CrossValidation}).
     *
     * @param shared    the preparations every trial shares (by fold number; -1: the held-out split); null when each
     *                  trial prepares its own
     * @param summaries where each trial's summary is kept (the last fold's under cross-validation)
     */
    private static Trial trial(TrainConfig config, Map<String, Double> values, DatasetInfo source, String where,
                               ImageSet train, int folds, Map<Integer, Splits> shared,
                               Map<Trial, Summary> summaries) {
        long t0 = System.nanoTime();
        try (BatchEngine engine = new BatchEngine(1)) {
            Runs runs = new Runs(TrainingRun.Request.of(config, null), where, engine);
            double accuracy;
            if (folds < 2) {
                Splits s = shared == null ? prepare(source, train, config)
                        : shared.computeIfAbsent(-1, k -> prepare(source, train, config));
                accuracy = runs.validationAccuracies(s.train(), s.validation(), engine)[0];
            } else {
                accuracy = CrossValidation.score(source, train, folds, config.seed(), config.pipelineSpec(), runs, engine,
                        shared)[0];
            }
            Trial t = new Trial(values, accuracy, (System.nanoTime() - t0) / 1e9, null, runs.last.model());
            summaries.put(t, runs.last.summary());
            return t;
        } catch (DivergedException e) {
            return new Trial(values, Double.NaN, (System.nanoTime() - t0) / 1e9, "diverged", null);
        }
    }

    private static Splits prepare(DatasetInfo source, ImageSet train, TrainConfig config) {
        return Splits.prepare(source, train, train.head(0), config.pipelineSpec(), config.valFraction(), config.seed());
    }

    /** A trial's learner: each fit is a {@link TrainingRun} on rows already prepared; the last run's outcome is kept. */
    private static final class Runs implements Learner<LinearModel> {
        private final TrainingRun.Request request;
        private final String where;
        private final BatchEngine engine;
        private TrainingRun.Outcome last;

        Runs(TrainingRun.Request request, String where, BatchEngine engine) {
            this.request = request;
            this.where = where;
            this.engine = engine;
        }

        @Override
        public LinearModel learn(Dataset train, Dataset validation, TrainingListener... listeners) {
            return run(train, validation, listeners).model();
        }

        /** The run's own validation accuracy (its kept epoch's, as early stopping chose it). */
        @Override
        public double[] validationAccuracies(Dataset train, Dataset validation, BatchEngine on) {
            return new double[] {run(train, validation).result().validationAccuracy()};
        }

        private TrainingRun.Outcome run(Dataset train, Dataset validation, TrainingListener... listeners) {
            last = TrainingRun.run(request, new TrainingRun.Prepared(new Splits(train, validation, validation.head(0)),
                    where), engine, TrainingRun.LOCAL, listeners);
            return last;
        }
    }
}
