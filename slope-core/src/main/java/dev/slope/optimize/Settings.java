package dev.slope.optimize;

import dev.slope.InvalidValueException;
import dev.slope.features.Feature;
import dev.slope.features.FeatureSet;
import dev.slope.loss.Loss;
import dev.slope.loss.MulticlassSvm;
import dev.slope.loss.OneVsAllSvm;
import dev.slope.loss.StructuredSvm;
import dev.slope.loss.SoftmaxCrossEntropy;
import dev.slope.optimize.Setting.Group;
import dev.slope.preprocess.Preprocessing;
import dev.slope.regularize.Regularizer;
import dev.slope.regularize.Regularizers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one table of a run's settings. Each line is one setting: its name, group, type, default, range and
 * help. From this table come the command-line options ({@code --kebab-case}), the typed JSON of
 * {@code --json} output, {@code run.json} and model files (snake_case), the reading back of a model's
 * settings, and the parameters {@code slope search} may vary. Losses, regularizers, update rules and
 * learning-rate schedules are registered here too, each name with the factory that builds it from its own
 * settings: adding one is one new class and one line in its registry below.
 *
 * <p>Order matters: a default may depend only on settings above it (the learning rate's default
 * depends on the update rule and the loss).
 */
public final class Settings {
    private Settings() {
    }

    // ---- the registries: name -> what it builds from the run's settings ----

    /** The data losses. */
    static final Map<String, Function<SettingValues, Loss>> LOSSES = new Registry<Loss>()
            .add("svm", v -> new MulticlassSvm(v.get(Settings.MARGIN), v.get(Settings.SQUARED_HINGE)))
            .add("softmax", v -> new SoftmaxCrossEntropy())
            .add("ova", v -> new OneVsAllSvm(v.get(Settings.MARGIN)))
            .add("structured", v -> new StructuredSvm(v.get(Settings.MARGIN)))
            .map();

    /** The regularizers R(W). */
    static final Map<String, Function<SettingValues, Regularizer>> REGULARIZERS = new Registry<Regularizer>()
            .add("none", v -> new Regularizers.None())
            .add("l2", v -> new Regularizers.L2())
            .add("l1", v -> new Regularizers.L1())
            .add("elasticnet", v -> new Regularizers.ElasticNet(v.get(Settings.ELASTIC_BETA)))
            .map();

    /** The update rules, each built fresh with its own settings. */
    static final Map<String, Function<SettingValues, UpdateRule>> UPDATE_RULES = new Registry<UpdateRule>()
            .add("sgd", v -> new Sgd())
            .add("momentum", v -> new UpdateRules.Momentum(v.get(Settings.MOMENTUM)))
            .add("nesterov", v -> new UpdateRules.Nesterov(v.get(Settings.MOMENTUM)))
            .add("adagrad", v -> new UpdateRules.AdaGrad(v.get(Settings.EPSILON)))
            .add("rmsprop", v -> new UpdateRules.RmsProp(v.get(Settings.DECAY_RATE), v.get(Settings.EPSILON)))
            .add("adam", v -> new UpdateRules.Adam(v.get(Settings.BETA1), v.get(Settings.BETA2), v.get(Settings.EPSILON)))
            .map();

    /** The learning-rate schedules. */
    static final Map<String, Function<SettingValues, LearningRateSchedule>> SCHEDULES =
            new Registry<LearningRateSchedule>()
            .add("constant", v -> new LearningRateSchedule.Constant())
            .add("step", v -> new LearningRateSchedule.StepDecay(v.get(Settings.LR_DECAY), v.get(Settings.LR_STEP_EPOCHS)))
            .add("exponential", v -> new LearningRateSchedule.Exponential(v.get(Settings.LR_DECAY)))
            .add("inverse", v -> new LearningRateSchedule.Inverse(v.get(Settings.LR_DECAY)))
            .add("cosine", v -> new LearningRateSchedule.Cosine())
            .map();

    /**
     * The learning rate each update rule trains well with at batch {@link #TUNED_BATCH}: {softmax, hinge losses}.
     * SGD's were chosen on the validation split of the full Fashion-MNIST (8 epochs, the cosine schedule, the mean over
     * seeds 1-3); the other rules' by a sweep on the shipped subset, 5 epochs, each rate with both grid neighbours also
     * above 82% ({@code docs/optimization.md}). The hinge wants about a third of softmax's rate for SGD and momentum.
     */
    static final Map<String, double[]> DEFAULT_LR = Map.of("sgd", new double[] {1.0, 0.3},
            "momentum", new double[] {0.1, 0.03}, "nesterov", new double[] {0.1, 0.03},
            "adagrad", new double[] {0.05, 0.05}, "rmsprop", new double[] {0.003, 0.003},
            "adam", new double[] {0.005, 0.005});
    /** The batch size the default rates are for; other batches scale them by √(B / 200). */
    static final int TUNED_BATCH = 200;
    /** Batches larger than this (and the full batch) take its rate. */
    static final int LARGEST_SCALED_BATCH = 4096;
    /** The largest batch that trains {@link #FEW_EPOCHS} by default. */
    static final int FEW_EPOCHS_UP_TO = 2048;
    /** The default epochs of batches up to 2,048: where the validation accuracy of batch 200 levels off. */
    static final int FEW_EPOCHS = 8;
    /** The default epochs of larger batches, which take only a few steps an epoch. */
    static final int MANY_EPOCHS = 200;

    /** The kinds of image feature: each its own file, its settings and its model-file form; one line each. */
    static final List<FeatureKind<?>> FEATURE_KINDS = List.of(
            PixelsKind.KIND,
            HogKind.KIND,
            HistogramKind.KIND,
            BagOfWordsKind.KIND);

    // ---- the table ----

    private static final List<Setting<?>> TABLE = new ArrayList<>();

    // objective
    public static final Setting<String> LOSS = choice("loss", Group.OBJECTIVE, LOSSES.keySet(), "softmax",
            "Data loss: multiclass SVM (Weston-Watkins hinge), softmax cross-entropy, one-vs-all SVM (ova: a binary"
                    + " SVM per class) or structured SVM (Crammer-Singer: only the worst wrong class).", always());
    public static final Setting<Double> MARGIN = number("margin", Group.OBJECTIVE, "DELTA", MulticlassSvm.DEFAULT_MARGIN,
            atLeast(0), ">= 0", "SVM margin.", in(LOSS, "svm", "ova", "structured"));
    public static final Setting<Boolean> SQUARED_HINGE = flag("squared_hinge", Group.OBJECTIVE, false,
            "SVM: square each hinge term.", is(LOSS, "svm"));
    public static final Setting<String> REG_TYPE = choice("reg_type", Group.OBJECTIVE, REGULARIZERS.keySet(), "l2",
            "Regularizer R(W).", always());
    public static final Setting<Double> REG = number("reg", Group.OBJECTIVE, "LAMBDA", 1e-4, atLeast(0), ">= 0",
            "Regularization strength.", v -> !v.get(REG_TYPE).equals("none"));
    public static final Setting<Double> ELASTIC_BETA = number("elastic_beta", Group.OBJECTIVE, "BETA",
            Regularizers.DEFAULT_BETA, atLeast(0), ">= 0", "Elastic net R(W) = sum(beta W^2 + |W|).",
            is(REG_TYPE, "elasticnet"));
    public static final Setting<Boolean> PENALIZE_BIAS = flag("penalize_bias", Group.OBJECTIVE, false,
            "Also regularize the bias.", v -> !v.get(REG_TYPE).equals("none"));

    // preprocessing
    public static final Setting<Double> PIXEL_SCALE = number("pixel_scale", Group.PREPROCESSING, "S",
            (double) Preprocessing.DEFAULT_SCALE, v -> v > 0, "> 0", "Multiplies every pixel (1/255 maps 0..255 to 0..1).",
            always());
    public static final Setting<Boolean> MEAN_IMAGE = flag("mean_image", Group.PREPROCESSING, true,
            "Subtract the mean training image.", always());
    public static final Setting<Boolean> BIAS_TRICK = flag("bias_trick", Group.PREPROCESSING, true,
            "Fold the bias into W as a last column (x gets a 1 appended); off keeps a separate b.", always());
    public static final Setting<String> FEATURES = add(new Setting<>("features", Group.PREPROCESSING, String.class,
            "hog,pixels", "What each image becomes, comma-separated: " + String.join(", ", FEATURE_KINDS.stream()
                    .map(k -> k.name() + " (" + k.description() + ")").toList())
                    + ". Features are computed once and standardized on the training split.", v -> "pixels", "pixels",
            List.of(), v -> !v.isEmpty() && java.util.Arrays.stream(v.split(",")).allMatch(featureNames()::contains),
            "a comma-separated list of " + String.join(", ", featureNames()), always()));

    static {
        // each feature kind's settings, right after the list of features
        for (FeatureKind<?> kind : FEATURE_KINDS) {
            kind.settings().forEach(Settings::add);
        }
    }

    // optimizer (the batch size first: the default rate and epochs follow it)
    public static final Setting<Integer> BATCH_SIZE = whole("batch_size", Group.OPTIMIZER, "B|full", TUNED_BATCH, 1,
            "Examples per step: 1 = stochastic, 32..512 = mini-batch, 'full' = the whole training split.");
    public static final Setting<Integer> EPOCHS = add(new Setting<>("epochs", Group.OPTIMIZER, Integer.class, "E",
            "Passes over the training split.", Settings::defaultEpochs, FEW_EPOCHS + "; " + MANY_EPOCHS
                    + " for batches over 2,048 and the full batch", List.of(), v -> v >= 1, "at least 1", always()));
    public static final Setting<String> UPDATE = choice("update", Group.OPTIMIZER, UPDATE_RULES.keySet(), "sgd",
            "Update rule.", always());
    public static final Setting<Double> LR = add(new Setting<>("lr", Group.OPTIMIZER, Double.class, "ETA",
            "Learning rate.", Settings::defaultLr, defaultLrText(), List.of(), v -> Double.isFinite(v) && v > 0,
            "a finite number > 0", always()));
    public static final Setting<Double> MOMENTUM = number("momentum", Group.OPTIMIZER, "MU", 0.9, unit(), "in [0, 1)",
            "Momentum and Nesterov: velocity decay.", in(UPDATE, "momentum", "nesterov"));
    public static final Setting<Double> DECAY_RATE = number("decay_rate", Group.OPTIMIZER, "RHO", 0.99, unit(),
            "in [0, 1)", "RMSProp: decay of the running mean of g^2.", is(UPDATE, "rmsprop"));
    public static final Setting<Double> BETA1 = number("beta1", Group.OPTIMIZER, "B1", 0.9, unit(), "in [0, 1)",
            "Adam: decay of the first moment.", is(UPDATE, "adam"));
    public static final Setting<Double> BETA2 = number("beta2", Group.OPTIMIZER, "B2", 0.999, unit(), "in [0, 1)",
            "Adam: decay of the second moment.", is(UPDATE, "adam"));
    public static final Setting<Double> EPSILON = number("epsilon", Group.OPTIMIZER, "EPS", 1e-8, v -> v > 0, "> 0",
            "AdaGrad, RMSProp, Adam: added to the root.", in(UPDATE, "adagrad", "rmsprop", "adam"));
    public static final Setting<String> LR_SCHEDULE = choice("lr_schedule", Group.OPTIMIZER, SCHEDULES.keySet(),
            "cosine", "How the rate changes: step ({lr} * {lr_decay}^floor(epoch / {lr_step_epochs})), exponential"
                    + " ({lr} * e^(-{lr_decay} * epoch)), inverse ({lr} / (1 + {lr_decay} * epoch)), cosine (to 0 at the end).", always());
    public static final Setting<Double> LR_DECAY = number("lr_decay", Group.OPTIMIZER, "GAMMA", 0.5, atLeast(0), ">= 0",
            "Decay of the step, exponential and inverse schedules.", in(LR_SCHEDULE, "step", "exponential", "inverse"));
    public static final Setting<Double> LR_STEP_EPOCHS = number("lr_step_epochs", Group.OPTIMIZER, "K", 5.0,
            v -> v > 0, "> 0", "Epochs between drops of the step schedule.", is(LR_SCHEDULE, "step"));
    public static final Setting<Long> WARMUP_STEPS = add(new Setting<>("warmup_steps", Group.OPTIMIZER, Long.class, "W",
            "Ramp the rate up linearly over the first W steps.", v -> 0L, "0", List.of(), v -> v >= 0, ">= 0", always()));
    public static final Setting<String> SAMPLING = choice("sampling", Group.OPTIMIZER, List.of("shuffle", "replacement"),
            "shuffle", "Batches from a shuffled epoch, or drawn with replacement.", always());
    public static final Setting<Double> INIT_SCALE = number("init_scale", Group.OPTIMIZER, "SIGMA", 0.001, atLeast(0),
            ">= 0", "Initial W ~ SIGMA * N(0, 1).", always());
    public static final Setting<Double> MAX_NORM = number("max_norm", Group.OPTIMIZER, "R", 0.0, atLeast(0), ">= 0",
            "Scale each class's weight row back to norm R when it grows past it (0 = off).", always());
    public static final Setting<Long> SEED = add(new Setting<>("seed", Group.OPTIMIZER, Long.class, "S",
            "Seed: the same seed repeats a run exactly (split, initial W, batches).", v -> 1L, "1", List.of(), v -> true,
            "a whole number", always()));

    // validation and stopping
    public static final Setting<Double> VAL_FRACTION = number("val_fraction", Group.STOPPING, "F", 0.1, unit(),
            "in [0, 1)", "Share of the training images held out for validation.", always());
    public static final Setting<Integer> PATIENCE = whole("patience", Group.STOPPING, "P", 0, 0,
            "Early stopping: stop after P epochs without a better validation figure and keep the best weights (0 = off).");
    public static final Setting<String> MONITOR = choice("monitor", Group.STOPPING, List.of("accuracy", "loss"),
            "accuracy", "What early stopping watches on the validation split.", v -> v.get(PATIENCE) > 0);

    /** Every setting, in order. */
    public static List<Setting<?>> all() {
        return List.copyOf(TABLE);
    }

    /** The settings {@code slope search} may vary: the numeric ones. */
    public static List<Setting<?>> searchable() {
        return TABLE.stream().filter(Setting::searchable).toList();
    }

    /** A setting by its snake_case name (or its kebab-case flag without the dashes). */
    public static Setting<?> named(String name) {
        String key = name.startsWith("--") ? name.substring(2) : name;
        key = key.replace('-', '_');
        for (Setting<?> s : TABLE) {
            if (s.name().equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown setting '" + name + "'; the settings are "
                + String.join(", ", TABLE.stream().map(Setting::name).toList()));
    }

    /** The settings of one group, in order. */
    public static List<Setting<?>> group(Group group) {
        return TABLE.stream().filter(s -> s.group() == group).toList();
    }

    // ---- how lines are made ----

    private static <T> Setting<T> add(Setting<T> s) {
        if (TABLE.stream().anyMatch(t -> t.name().equals(s.name()))) {
            throw new IllegalStateException("setting " + s.name() + " is named twice");
        }
        TABLE.add(s);
        return s;
    }

    private static Setting<Double> number(String name, Group g, String label, double dflt, Predicate<Double> valid,
                                          String validText, String help, Predicate<SettingValues> applies) {
        return add(new Setting<>(name, g, Double.class, label, help, v -> dflt, shortNumber(dflt), List.of(),
                v -> Double.isFinite(v) && valid.test(v), "a finite number " + validText, applies));
    }

    private static Setting<Integer> whole(String name, Group g, String label, int dflt, int min, String help) {
        return whole(name, g, label, dflt, min, help, always());
    }

    private static Setting<Integer> whole(String name, Group g, String label, int dflt, int min, String help,
                                          Predicate<SettingValues> applies) {
        return add(Setting.whole(name, g, label, dflt, min, help, applies));
    }

    /** The names {@code features} takes, in the order the kinds are registered. */
    public static List<String> featureNames() {
        return FEATURE_KINDS.stream().map(FeatureKind::name).toList();
    }

    /** Every registered kind of feature. */
    public static List<FeatureKind<?>> featureKinds() {
        return FEATURE_KINDS;
    }

    /** The kind named {@code name}. */
    public static FeatureKind<?> featureKind(String name) {
        for (FeatureKind<?> k : FEATURE_KINDS) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        throw new InvalidValueException(n -> n.name("features") + " '" + name + "' is not one of "
                + String.join(", ", featureNames()));
    }

    /** The kind of a made feature. */
    public static FeatureKind<?> kindOf(Feature feature) {
        for (FeatureKind<?> k : FEATURE_KINDS) {
            if (k.makes(feature)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no registered kind makes " + feature);
    }

    /** The features a run's settings list, each made by its kind. */
    public static FeatureSet features(SettingValues settings) {
        List<Feature> out = new ArrayList<>();
        for (String raw : settings.get(FEATURES).split(",")) {
            out.add(featureKind(raw.trim().toLowerCase(java.util.Locale.ROOT)).make(settings));
        }
        return new FeatureSet(out);
    }

    private static Setting<Boolean> flag(String name, Group g, boolean dflt, String help,
                                         Predicate<SettingValues> applies) {
        return add(Setting.flag(name, g, dflt, help, applies));
    }

    private static Setting<String> choice(String name, Group g, java.util.Collection<String> names, String dflt,
                                          String help, Predicate<SettingValues> applies) {
        return add(Setting.choice(name, g, names, dflt, help, applies));
    }

    private static Predicate<SettingValues> always() {
        return v -> true;
    }

    private static Predicate<SettingValues> is(Setting<String> s, String value) {
        return v -> v.get(s).equals(value);
    }

    private static Predicate<SettingValues> in(Setting<String> s, String... values) {
        Set<String> set = Set.of(values);
        return v -> set.contains(v.get(s));
    }

    private static Predicate<Double> atLeast(double min) {
        return v -> v >= min;
    }

    private static Predicate<Double> unit() {
        return v -> v >= 0 && v < 1;
    }

    /** 1e-4 rather than 1.0E-4; 0.3 rather than 0.30000; 3.92e-3 for 1/255. */
    public static String shortNumber(double v) {
        if (v != 0 && (Math.abs(v) < 1e-2 || Math.abs(v) >= 1e6)) {
            String[] parts = String.format(java.util.Locale.ROOT, "%.2e", v).split("e");
            String mantissa = parts[0].replaceAll("\\.?0+$", "");
            return mantissa + "e" + Integer.parseInt(parts[1]);
        }
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /**
     * The default rate: the update rule's rate for the loss (softmax, or the hinge losses) at batch 200, times
     * √(B / 200), B at most 4,096 (the full batch counts as 4,096). A batch of B averages B gradients, whose noise
     * falls as 1/√B, so a larger batch takes a longer step as safely; the cap keeps full batches stable.
     */
    static double defaultLr(SettingValues v) {
        double[] rates = DEFAULT_LR.get(v.get(UPDATE));
        double base = v.get(LOSS).equals("softmax") ? rates[0] : rates[1];
        int batch = Math.min(v.get(BATCH_SIZE), LARGEST_SCALED_BATCH);
        return batch == TUNED_BATCH ? base : base * Math.sqrt(batch / (double) TUNED_BATCH);
    }

    /** {@link #FEW_EPOCHS}, or {@link #MANY_EPOCHS} for batches over 2,048 and the full batch. */
    static int defaultEpochs(SettingValues v) {
        return v.get(BATCH_SIZE) > FEW_EPOCHS_UP_TO ? MANY_EPOCHS : FEW_EPOCHS;
    }

    private static String defaultLrText() {
        StringBuilder soft = new StringBuilder();
        StringBuilder hinge = new StringBuilder();
        for (String rule : UPDATE_RULES.keySet()) {
            soft.append(soft.length() == 0 ? "" : ", ").append(rule).append(' ').append(shortNumber(DEFAULT_LR.get(rule)[0]));
            hinge.append(hinge.length() == 0 ? "" : ", ").append(rule).append(' ')
                    .append(shortNumber(DEFAULT_LR.get(rule)[1]));
        }
        return "at batch 200 by update rule, softmax: " + soft + "; svm: " + hinge + "; times sqrt(B / 200) for"
                + " batch B (B at most 4,096; the full batch counts as 4,096)";
    }

    /** Names in order, each with what it builds from a run's settings. */
    private static final class Registry<T> {
        private final Map<String, Function<SettingValues, T>> map = new LinkedHashMap<>();

        Registry<T> add(String name, Function<SettingValues, T> factory) {
            if (map.put(name, factory) != null) {
                throw new IllegalStateException(name + " is registered twice");
            }
            return this;
        }

        Map<String, Function<SettingValues, T>> map() {
            return java.util.Collections.unmodifiableMap(map);
        }
    }
}
