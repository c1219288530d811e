package dev.slope.spark;

import dev.slope.linalg.BatchEngine;
import dev.slope.linalg.DenseRows;
import dev.slope.model.Parameters;
import dev.slope.objective.FusedPass;
import dev.slope.objective.Objective;
import dev.slope.objective.Pass;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.Steps;
import dev.slope.optimize.TrainConfig;
import dev.slope.learn.TrainingListener;
import dev.slope.optimize.UpdateRule;
import dev.slope.preprocess.Dataset;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Trains slope-core's linear classifier with the training rows on a Spark cluster, taking the same {@link TrainConfig}
 * as the one-machine {@link GradientTrainer} and giving the same {@link GradientTrainer.Result} (a model file's worth:
 * pipeline, settings, provenance "spark, N partitions").
 *
 * <ul>
 *   <li><b>Full batch</b> ({@code --batch-size full}): the one-machine loop itself, with every pass on Spark
 *   ({@link SparkPass}): the same model, bit for bit, as {@code slope train} with the same seed.</li>
 *   <li><b>Mini-batches: local SGD with averaging.</b> A Spark job costs tens of milliseconds even when empty, so one
 *   job per mini-batch step would spend the run waiting. Each job instead lets every partition take
 *   {@code sync} steps of the update rule on its own rows, from the same W, b and update-rule state; the driver then
 *   averages W, b and the rule's state, weighted by the partitions' rows, in partition order. The batch size is the
 *   cluster's: each partition's step takes its share of it (its rows' share of all rows), drawn by a stream of the
 *   run's seed, the epoch and the partition, so an epoch has the one machine's number of steps. Averaging after every
 *   step is synchronous mini-batch SGD (exactly so for plain SGD); by default a job is a whole epoch (one job per
 *   epoch, since a Spark job costs tens of milliseconds even when empty). Accuracy against the one machine is
 *   measured in BENCHMARKS.md.</li>
 * </ul>
 * Validation accuracy is measured each epoch on the driver's engine, or on the cluster for validation rows that live
 * there ({@link #validatingOn}); the final training loss is one pass on Spark.
 */
public final class SparkTrainer {
    private final TrainConfig config;
    private final BatchEngine engine;
    private final int syncSteps;
    private final SparkPass validation;

    /**
     * @param engine    the driver's engine, for the validation rows; owned by the caller
     * @param syncSteps local steps per partition between two averagings (0: a partition's whole epoch)
     */
    public SparkTrainer(TrainConfig config, BatchEngine engine, int syncSteps) {
        this(config, engine, syncSteps, null);
    }

    private SparkTrainer(TrainConfig config, BatchEngine engine, int syncSteps, SparkPass validation) {
        if (syncSteps < 0) {
            throw new IllegalArgumentException("steps between averagings must be 0 (one epoch) or more, got " + syncSteps);
        }
        this.config = config;
        this.engine = engine;
        this.syncSteps = syncSteps;
        this.validation = validation;
    }

    /**
     * This trainer with the validation rows scored on the cluster by {@code pass} (rows split from a DataFrame, which
     * never reach the driver); null: on the driver's engine.
     */
    public SparkTrainer validatingOn(SparkPass pass) {
        return new SparkTrainer(config, engine, syncSteps, pass);
    }

    /**
     * Trains through {@link GradientTrainer}'s one loop (schedules, history, early stopping, checkpoints, resuming):
     * full batches with every pass on Spark, anything else with local SGD's rounds as its steps.
     */
    public GradientTrainer.Result train(SparkPass pass, Dataset train, Dataset validation,
                                        GradientTrainer.Checkpointing checkpointing, TrainingListener... listeners) {
        GradientTrainer trainer = new GradientTrainer(config, engine);
        trainer = fullBatch(config, train.size()) ? trainer.withTrainingPass(pass) : trainer.withSteps((c, rows) -> new LocalSgd(c, pass));
        if (this.validation != null) {
            trainer = trainer.withValidationPass(this.validation);
        }
        return trainer.train(train, validation, checkpointing, listeners);
    }

    /** Whether {@code config} on {@code rows} rows runs full batches (every pass on Spark), not local SGD. */
    static boolean fullBatch(TrainConfig config, int rows) {
        return config.optimizer().batchSize() >= rows && config.optimizer().sampling() == TrainConfig.Sampling.SHUFFLE;
    }

    /**
     * {@code train}'s rows shipped into {@code parts} partitions as {@code config}'s run wants them: for full batches in
     * their order (the one machine's parts: its sums bit for bit); for local SGD spread by a shuffle seeded by the run's
     * seed, so every partition looks like the whole (rows listed class by class, as image folders list them, would
     * otherwise give each partition a few classes to learn apart) and the same seed gives the same partitions.
     */
    public static SparkPass rowsFor(JavaSparkContext sc, Dataset train, int parts, TrainConfig config) {
        if (fullBatch(config, train.size())) {
            return new SparkPass(sc, train, parts);
        }
        int[] order = dev.slope.linalg.Randoms.permutation(train.size(), new SplittableRandom(mix(config.seed(), 0,
                -1)));
        return new SparkPass(sc, train, parts, order);
    }

    /** What a partition sends back after its local steps. */
    // Kryo 4 cannot build records field by field: Java serialization for this one under KryoSerializer
    @com.esotericsoftware.kryo.DefaultSerializer(com.esotericsoftware.kryo.serializers.JavaSerializer.class)
    record Local(float[][] params, float[][] ruleArrays, long ruleSteps, double lossSum, double dataSum,
                 double penaltySum, long right, long rowsSeen, int steps, double gradNormSum, boolean finite)
            implements Serializable {
    }

    /**
     * Local SGD with averaging as the loop's steps: one step of the loop is one round, a Spark job in which every
     * partition takes {@code sync} steps of the update rule on its share of each batch from the same W, b and rule
     * state, then the driver averages them.
     */
    private final class LocalSgd implements Steps {
        private final TrainConfig.Optimizer opt;
        private final SparkPass pass;
        private final int totalRows;
        private final int batch;
        private final int localEpoch;
        private final int sync;
        private final int roundsPerEpoch;
        private final int[] partRows;
        private final Map<String, Object> settings;
        private final long seed;

        LocalSgd(TrainConfig config, SparkPass pass) {
            this.opt = config.optimizer();
            this.pass = pass;
            this.totalRows = pass.rows();
            this.batch = Math.min(opt.batchSize(), totalRows); // 'full' is Integer.MAX_VALUE
            this.partRows = pass.partitionRows();
            // the batch is the whole cluster's: a partition takes its share of it each step, so an epoch has the
            // one machine's number of steps and every partition covers its rows once
            this.localEpoch = (totalRows + batch - 1) / batch;
            this.sync = syncSteps == 0 ? localEpoch : Math.min(syncSteps, localEpoch);
            this.roundsPerEpoch = (localEpoch + sync - 1) / sync;
            this.settings = new LinkedHashMap<>(config.toJson());
            this.seed = config.seed();
        }

        @Override
        public int perEpoch() {
            return roundsPerEpoch;
        }

        @Override
        public int batchSize() {
            return batch;
        }

        @Override
        public Pass pass() {
            return pass;
        }

        @Override
        public Taken take(int epoch, int round, Parameters params, Parameters lastGood, UpdateRule rule) {
            int firstStep = round * sync;
            int lastStep = Math.min(localEpoch, firstStep + sync);
            long firstGlobal = (long) (epoch - 1) * localEpoch + firstStep;
            lastGood.set(params);
            List<Local> parts = pass.localSteps(settings, seed, epoch, firstStep, lastStep, firstGlobal, localEpoch,
                    params, rule.state());
            Round avg = average(parts, partRows, params, rule);
            if (!avg.finite) {
                return new Taken(new Objective.Value(Double.NaN, Double.NaN, Double.NaN), avg.right, (int) avg.rows,
                        Double.NaN, Double.NaN);
            }
            if (opt.maxNorm() > 0) {
                GradientTrainer.clipRows(params, opt.maxNorm());
            }
            double lr = opt.rate(firstGlobal + (lastStep - firstStep) - 1, localEpoch, (long) localEpoch * opt.epochs());
            return new Taken(new Objective.Value(avg.loss, avg.data, avg.penalty, (double) avg.right / avg.rows),
                    avg.right, (int) avg.rows, lr, avg.gradNorm);
        }
    }

    /** A round's averages: the new W, b and rule state are written into params and rule. */
    private record Round(double loss, double data, double penalty, long right, long rows, double gradNorm,
                         boolean finite) {
    }

    /**
     * Averages the partitions' W, b and update-rule arrays into {@code params} and {@code rule}, each partition weighted
     * by its share of the rows, summed in double in partition order (the same result on any cluster).
     */
    static Round average(List<Local> parts, int[] partRows, Parameters params, UpdateRule rule) {
        long total = 0;
        for (int r : partRows) {
            total += r;
        }
        float[][] target = params.arrays();
        List<float[]> ruleArrays = rule.state().arrays();
        double[][] sums = new double[target.length][];
        double[][] ruleSums = new double[ruleArrays.size()][];
        for (int a = 0; a < target.length; a++) {
            sums[a] = new double[target[a].length];
        }
        for (int a = 0; a < ruleSums.length; a++) {
            ruleSums[a] = new double[ruleArrays.get(a).length];
        }
        double loss = 0;
        double data = 0;
        double penalty = 0;
        double gradNorm = 0;
        long right = 0;
        long rows = 0;
        long ruleSteps = 0;
        int steps = 0;
        boolean finite = true;
        for (int p = 0; p < parts.size(); p++) {
            Local l = parts.get(p);
            finite &= l.finite();
            double weight = (double) partRows[p] / total;
            for (int a = 0; a < sums.length; a++) {
                addScaled(sums[a], l.params()[a], weight);
            }
            for (int a = 0; a < ruleSums.length; a++) {
                addScaled(ruleSums[a], l.ruleArrays()[a], weight);
            }
            loss += l.lossSum();
            data += l.dataSum();
            penalty += l.penaltySum();
            gradNorm += l.gradNormSum();
            right += l.right();
            rows += l.rowsSeen();
            steps += l.steps();
            ruleSteps = Math.max(ruleSteps, l.ruleSteps());
        }
        if (!finite) {
            return new Round(Double.NaN, Double.NaN, Double.NaN, right, rows, Double.NaN, false);
        }
        for (int a = 0; a < sums.length; a++) {
            for (int k = 0; k < sums[a].length; k++) {
                target[a][k] = (float) sums[a][k];
            }
        }
        List<float[]> averaged = new ArrayList<>();
        for (double[] s : ruleSums) {
            float[] f = new float[s.length];
            for (int k = 0; k < s.length; k++) {
                f[k] = (float) s[k];
            }
            averaged.add(f);
        }
        rule.restore(new UpdateRule.State(rule.state().rule(), ruleSteps, averaged));
        return new Round(loss / steps, data / steps, penalty / steps, right, rows, gradNorm / steps,
                params.isFinite());
    }

    private static void addScaled(double[] sum, float[] values, double weight) {
        for (int k = 0; k < sum.length; k++) {
            sum[k] += weight * values[k];
        }
    }

    /**
     * A partition's local steps (run inside a Spark task): its rows shuffled by a stream of (seed, epoch, partition),
     * steps {@code [firstStep, lastStep)} of its epoch in batches, each the one-machine trainer's step (the objective on
     * a one-thread engine, the update rule, max-norm), from the broadcast W, b and rule state.
     */
    static Local localSteps(SparkPass.Block block, int partition, Map<String, Object> settings, long seed, int epoch,
                            int firstStep, int lastStep, long firstGlobal, int localEpoch, Parameters start,
                            UpdateRule.State ruleState) {
        TrainConfig config = TrainConfig.fromJson(settings);
        TrainConfig.Optimizer opt = config.optimizer();
        Objective objective = config.objective();
        int n = block.y().length;
        Parameters params = start.copy();
        Parameters grad = Parameters.zeros(params.classes(), params.dim(), params.hasSeparateBias(),
                params.biasInLastColumn());
        float[][] paramArrays = params.arrays();
        float[][] gradArrays = grad.arrays();
        UpdateRule rule = opt.update().copy();
        rule.start(paramArrays);
        rule.restore(ruleState);
        double lossSum = 0;
        double dataSum = 0;
        double penaltySum = 0;
        double gradNormSum = 0;
        long right = 0;
        long rowsSeen = 0;
        int steps = 0;
        boolean finite = true;
        if (n > 0) {
            SplittableRandom random = new SplittableRandom(mix(seed, epoch, partition));
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            boolean replacement = opt.sampling() == TrainConfig.Sampling.REPLACEMENT;
            if (!replacement) {
                dev.slope.linalg.Randoms.shuffle(order, random);
            }
            // each row once an epoch: step s of the epoch reads rows [n·s/E, n·(s+1)/E) of this partition's shuffled
            // order (E the epoch's steps), its share of the cluster's batch; a partition holding fewer rows than the
            // epoch has steps takes some steps with none (and its W waits for the average)
            int[] drawn = new int[Math.max(1, (n + localEpoch - 1) / localEpoch)];
            DenseRows rows = new DenseRows(block.x(), n, block.dim());
            try (BatchEngine engine = new BatchEngine(1)) {
                FusedPass pass = new FusedPass(engine, rows, block.y());
                for (int s = 0; s < firstStep; s++) { // the draws of the steps a previous round took
                    for (int k = 0; replacement && k < share(n, s, localEpoch); k++) {
                        random.nextInt(n);
                    }
                }
                for (int s = firstStep; s < lastStep; s++) {
                    Objective.Value value;
                    int from = (int) ((long) n * s / localEpoch);
                    int batch = share(n, s, localEpoch);
                    if (batch == 0) {
                        continue;
                    }
                    for (int k = 0; k < batch; k++) {
                        drawn[k] = replacement ? random.nextInt(n) : order[from + k];
                    }
                    value = objective.valueAndGradient(pass, params, drawn, 0, batch, grad);
                    if (!Double.isFinite(value.total())) {
                        finite = false;
                        break;
                    }
                    lossSum += value.total();
                    dataSum += value.data();
                    penaltySum += value.penalty();
                    right += Math.round(value.accuracy() * batch);
                    rowsSeen += batch;
                    double lr = opt.rate(firstGlobal + (s - firstStep), localEpoch, (long) localEpoch * opt.epochs());
                    rule.step(paramArrays, gradArrays, lr);
                    if (opt.maxNorm() > 0) {
                        GradientTrainer.clipRows(params, opt.maxNorm());
                    }
                    gradNormSum += grad.norm();
                    steps++;
                }
            }
        }
        UpdateRule.State state = rule.state();
        return new Local(paramArrays, state.arrays().toArray(new float[0][]), state.steps(), lossSum, dataSum,
                penaltySum, right, rowsSeen, steps, gradNormSum, finite && params.isFinite());
    }

    /** How many of a partition's n rows step s of its E-step epoch reads: each row once an epoch. */
    static int share(int n, int s, int steps) {
        return (int) ((long) n * (s + 1) / steps - (long) n * s / steps);
    }

    /** A seed for (run seed, epoch, partition): SplitMix's finalizer over the three, so nearby triples differ. */
    static long mix(long seed, int epoch, int partition) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + partition * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
