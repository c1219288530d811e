package dev.slope.bench;

import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageSet;
import dev.slope.linalg.BatchEngine;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Dataset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One epoch of stochastic gradient descent, warm: N = 54,000 rows (Fashion-MNIST's training split) of uint8 pixels,
 * D = 785 through the default preprocessing, C = 10 classes, L2 λ = 1e-4, in batches of 1 (54,000 steps, as {@code slope
 * train --batch-size 1} runs them) or 200 (270 steps, the default run's), then the run's one final loss pass (5-20 ms
 * of the epoch). The marginal epoch of a run; {@code slope bench}'s rows time fresh runs, warm-up included.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class StochasticEpochBenchmark {
    /** The update rule: at batch 1 SGD takes the fused step with W = s·V, the others the fused step's dense path. */
    @Param({"sgd", "momentum", "adam"})
    public String update;

    @Param({"softmax", "svm"})
    public String loss;

    /** Rows per step: 1 takes the fused step, 200 (the default) the general one on the engine's two threads. */
    @Param({"1", "200"})
    public int batch;

    @Param({"54000"})
    public int n;

    /** The engine's threads (0: every core, as {@code slope train} runs). */
    @Param({"0"})
    public int threads;

    private BatchEngine engine;
    private GradientTrainer trainer;
    private Dataset train;
    private Dataset none;

    @Setup(Level.Trial)
    public void setUp() {
        TrainConfig config = TrainConfig.builder().parse("loss", loss).parse("update", update)
                .set(Settings.BATCH_SIZE, batch).set(Settings.LR, 0.01).set(Settings.EPOCHS, 1).parse("reg", "1e-4").build();
        ImageSet images = PassData.images(n, 785, 10, 42);
        DatasetInfo source = DatasetInfo.of("uniform pixels", images, images.head(0));
        train = config.pipelineSpec().fitAndApply(images, source, "training images", BatchEngine.onCaller());
        none = train.pipeline().apply(images.head(0), source, "no validation", BatchEngine.onCaller());
        engine = new BatchEngine(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        trainer = new GradientTrainer(config, engine);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public double epoch() {
        return trainer.train(train, none).finalLoss();
    }
}
