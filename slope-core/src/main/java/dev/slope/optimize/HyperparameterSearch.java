package dev.slope.optimize;

import dev.slope.SlopeException;
import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageData;
import dev.slope.data.ImageSet;
import dev.slope.data.Split;
import dev.slope.linalg.BatchEngine;
import dev.slope.model.LinearModel;
import dev.slope.preprocess.Splits;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Grid or random search over numeric training settings (learning rate, regularization strength, …),
 * each trial scored by validation accuracy on a held-out split or by k-fold cross-validation, trials run
 * in parallel (one core each). Random search draws log-uniformly within a range whose ends are both
 * positive, uniformly otherwise; a grid spaces its points the same way.
 */
public final class HyperparameterSearch {

    private HyperparameterSearch() {
    }

    /**
     * One searched setting: a numeric setting of {@link Settings} (by its name) and a closed range.
     *
     * @param log space values evenly on a log scale (the default when both ends are above 0)
     */
    public record Range(String name, double low, double high, boolean log) {
        public Range {
            name = searchable(name).name();
            if (!Double.isFinite(low) || !Double.isFinite(high) || high < low) {
                throw new IllegalArgumentException(searchable(name).flag() + " range " + low + ":" + high
                        + " is empty; give LOW:HIGH with LOW <= HIGH, e.g. 1e-3:1e0");
            }
            if (log && low <= 0) {
                throw new IllegalArgumentException(searchable(name).flag() + " range " + low + ":" + high
                        + " cannot be log-spaced: LOW must be > 0 (add :lin for a linear range)");
            }
        }

        /** Parses "LOW:HIGH" (log-spaced when both are > 0) or "LOW:HIGH:lin", or a single value. */
        public static Range parse(String name, String text) {
            String[] parts = text.split(":");
            try {
                if (parts.length == 1) {
                    double v = Double.parseDouble(parts[0]);
                    return new Range(name, v, v, false);
                }
                if (parts.length == 2 || parts.length == 3 && (parts[2].equals("lin") || parts[2].equals("log"))) {
                    double lo = Double.parseDouble(parts[0]);
                    double hi = Double.parseDouble(parts[1]);
                    boolean log = parts.length == 2 ? lo > 0 && hi > 0 : parts[2].equals("log");
                    return new Range(name, lo, hi, log);
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new IllegalArgumentException(searchable(name).flag() + " '" + text + "' is not a value or a range; give e.g. 0.01,"
                    + " 1e-3:1e0 (log-spaced) or 0:1:lin");
        }

        /** The value a fraction 0..1 of the way through the range (on its log or linear scale). */
        public double at(double fraction) {
            return log ? Math.exp(Math.log(low) + fraction * (Math.log(high) - Math.log(low)))
                    : low + fraction * (high - low);
        }

        /** Where a value lies in the range, as a fraction 0..1 on its log or linear scale. */
        public double fraction(double value) {
            return log ? (Math.log(value) - Math.log(low)) / (Math.log(high) - Math.log(low)) : (value - low) / (high - low);
        }

        /** k evenly spaced values (one when the range is a single value). */
        double[] grid(int k) {
            if (low == high || k == 1) {
                return new double[] {low};
            }
            double[] v = new double[k];
            for (int i = 0; i < k; i++) {
                v[i] = at((double) i / (k - 1));
            }
            return v;
        }
    }

    /**
     * How to search.
     *
     * @param trials random trials, or 0 for a grid
     * @param grid   points per range of a grid search
     * @param folds  0 or 1: hold out the config's validation fraction; k ≥ 2: k-fold cross-validation
     * @param threads trials run at once (each on one core)
     */
    public record Plan(List<Range> ranges, int trials, int grid, int folds, int threads, long seed) {
        public Plan {
            if (ranges.isEmpty()) {
                throw new IllegalArgumentException("give at least one range to search, e.g. --lr 1e-3:1e0");
            }
            if (trials < 0 || (trials == 0 && grid < 1)) {
                throw new IllegalArgumentException("--trials must be >= 1, or --grid >= 1 for a grid search");
            }
            if (folds < 0 || folds == 1) {
                throw new IllegalArgumentException("--folds must be 0 (a validation split) or at least 2, got " + folds);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
            }
            ranges = List.copyOf(ranges);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Range r : ranges) {
                if (!seen.add(r.name())) {
                    throw new IllegalArgumentException(Settings.named(r.name()).flag() + " is given twice; give each"
                            + " searched setting one range");
                }
            }
        }
    }

    /** One trial: its settings, its validation accuracy (NaN if it diverged) and the model it trained. */
    public record Trial(Map<String, Double> values, double validationAccuracy, double seconds, String failure,
                        LinearModel model) {
        public boolean diverged() {
            return failure != null;
        }
    }

    /**
     * All trials, best first (diverged ones and NaN scores last), and the model of the best settings: the
     * best trial's own model on a held-out split, or one retrained with them on all the images (with the
     * config's validation split) after k-fold cross-validation.
     */
    public record Result(List<Trial> trials, Trial best, LinearModel model) {
    }

    /**
     * Throws unless the plan can score its trials and every point makes a valid config: a held-out search
     * needs a validation split.
     */
    public static void check(TrainConfig base, Plan plan) {
        if (plan.folds() < 2 && base.valFraction() == 0) {
            throw new IllegalArgumentException("--val-fraction 0 leaves no images to score the trials on; hold some out"
                    + " (e.g. --val-fraction 0.1) or cross-validate (e.g. --folds 5)");
        }
        for (Map<String, Double> point : points(plan)) {
            apply(base, point);
        }
    }

    /** Best first: the highest validation accuracy; diverged trials and trials without a score last. */
    public static final Comparator<Trial> RANKING = Comparator
            .comparing((Trial t) -> t.diverged() || Double.isNaN(t.validationAccuracy()))
            .thenComparing(Trial::validationAccuracy, Comparator.reverseOrder());

    /** The settings of every trial, in order. */
    public static List<Map<String, Double>> points(Plan plan) {
        List<Map<String, Double>> points = new ArrayList<>();
        if (plan.trials() > 0) {
            SplittableRandom random = new SplittableRandom(plan.seed());
            for (int t = 0; t < plan.trials(); t++) {
                Map<String, Double> p = new LinkedHashMap<>();
                for (Range r : plan.ranges()) {
                    p.put(r.name(), r.low() == r.high() ? r.low() : r.at(random.nextDouble()));
                }
                points.add(p);
            }
            return points;
        }
        points.add(new LinkedHashMap<>());
        for (Range r : plan.ranges()) {
            List<Map<String, Double>> next = new ArrayList<>();
            for (Map<String, Double> p : points) {
                for (double v : r.grid(plan.grid())) {
                    Map<String, Double> q = new LinkedHashMap<>(p);
                    q.put(r.name(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        return points;
    }

    /** The searchable setting of a name (snake_case or a flag's kebab-case), or an error listing them. */
    static Setting<?> searchable(String name) {
        Setting<?> s;
        try {
            s = Settings.named(name);
        } catch (IllegalArgumentException e) {
            s = null;
        }
        if (s == null || !s.searchable()) {
            throw new IllegalArgumentException("cannot search '" + name + "'; searchable settings: "
                    + String.join(", ", Settings.searchable().stream().map(Setting::name).toList()));
        }
        return s;
    }

    /** A trial's values as the config holds them: typed like every other JSON of a run (whole numbers as integers). */
    public static Map<String, Object> typed(TrainConfig base, Map<String, Double> values) {
        Map<String, Object> all = apply(base, values).toJson();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : values.keySet()) {
            String key = searchable(name).name();
            out.put(key, all.get(key));
        }
        return out;
    }

    /** Applies a trial's values to the base config (whole-number settings are rounded). */
    @SuppressWarnings("unchecked")
    public static TrainConfig apply(TrainConfig base, Map<String, Double> values) {
        TrainConfig.Builder b = base.toBuilder();
        for (Map.Entry<String, Double> e : values.entrySet()) {
            Setting<?> s = searchable(e.getKey());
            if (s.type() == Integer.class) {
                b.set((Setting<Integer>) s, (int) Math.round(e.getValue()));
            } else {
                b.set((Setting<Double>) s, e.getValue());
            }
        }
        return b.build();
    }

    /**
     * Runs every trial on {@code train} (split into training and validation by the plan).
     *
     * @param onTrial called (from worker threads, one at a time) as each trial ends
     */
    public static Result run(TrainConfig base, ImageData data, Plan plan, java.util.function.Consumer<Trial> onTrial) {
        check(base, plan);
        ImageSet train = data.train();
        DatasetInfo source = DatasetInfo.of(data);
        List<Map<String, Double>> points = points(plan);
        // when no trial changes how the data is prepared (the pipeline, the split, the seed), the trials share
        // one preparation: features are extracted (and a codebook fitted) once, not once per trial
        boolean share = points.stream().map(p -> preparation(apply(base, p))).distinct().count() == 1;
        Map<List<Object>, Splits> shared = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(plan.threads(), r -> {
            Thread t = new Thread(r, "slope-search");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Trial>> futures = new ArrayList<>();
            for (Map<String, Double> p : points) {
                futures.add(pool.submit(() -> {
                    Trial t = trial(apply(base, p), p, source, train, plan.folds(), share ? shared : null);
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
            trials.sort(RANKING);
            Trial best = trials.get(0);
            if (!best.diverged() && Double.isNaN(best.validationAccuracy())) {
                throw new SlopeException("none of the " + trials.size() + " trials could be scored (no validation images);"
                        + " hold some out with --val-fraction or use --folds");
            }
            if (best.diverged()) {
                throw new SlopeException("every one of the " + trials.size() + " trials diverged (" + best.failure()
                        + "); search lower learning rates, e.g. --lr 1e-4:1e-1");
            }
            LinearModel model = best.model();
            if (plan.folds() >= 2) {
                // the refit gets the threads the trials had: the plan's, no more
                try (BatchEngine engine = new BatchEngine(plan.threads())) {
                    TrainConfig config = apply(base, best.values());
                    Splits s = Splits.prepare(source, train, train.head(0), config.pipelineSpec(), config.valFraction(),
                            config.seed(), engine);
                    model = new GradientTrainer(config, engine).learn(s.train(), s.validation());
                }
            }
            return new Result(List.copyOf(trials), best, model);
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
     * Trains one trial.
     *
     * @param shared the preparations every trial shares, by fold; null when each trial prepares its own
     */
    private static Trial trial(TrainConfig config, Map<String, Double> values, DatasetInfo source, ImageSet train,
                               int folds, Map<List<Object>, Splits> shared) {
        long t0 = System.nanoTime();
        try (BatchEngine engine = new BatchEngine(1)) {
            GradientTrainer trainer = new GradientTrainer(config, engine);
            if (folds < 2) {
                Splits s = prepared(shared, List.of(-1), () -> Splits.prepare(source, train, train.head(0),
                        config.pipelineSpec(), config.valFraction(), config.seed()));
                GradientTrainer.Result r = trainer.train(s.train(), s.validation());
                return new Trial(values, r.validationAccuracy(), (System.nanoTime() - t0) / 1e9, null, r.model());
            }
            double sum = 0;
            LinearModel last = null;
            List<Split> parts = Split.kFold(train, folds, config.seed());
            for (int k = 0; k < parts.size(); k++) {
                Split fold = parts.get(k);
                Splits s = prepared(shared, List.of(k), () -> Splits.of(source, fold, config.pipelineSpec()));
                GradientTrainer.Result r = trainer.train(s.train(), s.validation());
                sum += r.validationAccuracy();
                last = r.model();
            }
            return new Trial(values, sum / folds, (System.nanoTime() - t0) / 1e9, null, last);
        } catch (DivergedException e) {
            return new Trial(values, Double.NaN, (System.nanoTime() - t0) / 1e9, "diverged", null);
        }
    }

    private static Splits prepared(Map<List<Object>, Splits> shared, List<Object> key,
                                   java.util.function.Supplier<Splits> prepare) {
        return shared == null ? prepare.get() : shared.computeIfAbsent(key, k -> prepare.get());
    }
}
