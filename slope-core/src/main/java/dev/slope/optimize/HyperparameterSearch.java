package dev.slope.optimize;

import dev.slope.InvalidValueException;
import dev.slope.model.LinearModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What a grid or random search over numeric training settings (learning rate, regularization strength, …) tries and
 * how its trials rank: the ranges, the plan, the points and the trials' records. Random search draws log-uniformly
 * within a range whose ends are both positive, uniformly otherwise; a grid spaces its points the same way. The trials
 * themselves are training runs, made by {@code run.Search}.
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
            String field = searchable(name).name();
            name = field;
            if (!Double.isFinite(low) || !Double.isFinite(high) || high < low) {
                throw new InvalidValueException(n -> n.name(field) + " range " + low + ":" + high
                        + " is empty; give LOW:HIGH with LOW <= HIGH, e.g. 1e-3:1e0");
            }
            if (log && low <= 0) {
                throw new InvalidValueException(n -> n.name(field) + " range " + low + ":" + high
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
            String field = searchable(name).name();
            throw new InvalidValueException(n -> n.name(field) + " '" + text + "' is not a value or a range; give e.g. 0.01,"
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
                throw new InvalidValueException(n -> "give at least one range to search, e.g. " + n.name("lr") + " 1e-3:1e0");
            }
            if (trials < 0 || (trials == 0 && grid < 1)) {
                throw new InvalidValueException(n -> n.name("trials") + " must be >= 1, or " + n.name("grid") + " >= 1 for a grid"
                        + " search");
            }
            if (folds < 0 || folds == 1) {
                throw new InvalidValueException(n -> n.name("folds") + " must be 0 (a validation split) or at least 2, got " + folds);
            }
            if (threads < 1) {
                throw new InvalidValueException(n -> n.name("threads") + " must be at least 1, got " + threads);
            }
            ranges = List.copyOf(ranges);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Range r : ranges) {
                if (!seen.add(r.name())) {
                    throw new InvalidValueException(n -> n.name(r.name()) + " is given twice; give each"
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
     * Throws unless the plan can score its trials and every point makes a valid config: a held-out search
     * needs a validation split.
     */
    public static void check(TrainConfig base, Plan plan) {
        if (plan.folds() < 2 && base.valFraction() == 0) {
            throw new InvalidValueException(n -> n.name("val_fraction") + " 0 leaves no images to score the trials on; hold"
                    + " some out (e.g. " + n.name("val_fraction") + " 0.1) or cross-validate (e.g. " + n.name("folds") + " 5)");
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
}
