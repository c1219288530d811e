package dev.slope.bench;

import dev.slope.linalg.BatchEngine;
import dev.slope.linalg.RowKernel;
import dev.slope.linalg.RowSource;
import dev.slope.linalg.ScalarRowKernel;
import dev.slope.linalg.VectorRowKernel;
import dev.slope.loss.Loss;
import dev.slope.optimize.TrainConfig;
import dev.slope.model.Parameters;
import dev.slope.objective.FusedPass;
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
 * The full-batch loss and gradient pass on a Fashion-MNIST-sized batch: N = 60000 rows of D = 785 (784 pixels + the
 * bias 1), C = 10 classes. The same shapes as {@code peers.py pass}. {@code rows=uint8} (the first) is what training
 * reads: pixels kept as bytes, converted by the kernel on every pass; {@code rows=float} the floats in memory.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class FusedPassBenchmark {
    @Param({"svm", "softmax"})
    public String loss;

    @Param({"vector", "scalar"})
    public String kernel;

    /** The rows: floats in memory, or uint8 pixels converted on every pass as training reads them. */
    @Param({"uint8", "float"})
    public String rows;

    @Param({"60000"})
    public int n;

    @Param({"785"})
    public int d;

    @Param({"10"})
    public int c;

    /** Threads of the engine; 0 = one per core. */
    @Param({"0"})
    public int threads;

    private BatchEngine engine;
    private FusedPass pass;
    private Loss lossFunction;
    private RowSource x;
    private int[] y;
    private Parameters w;
    private Parameters grad;

    @Setup(Level.Trial)
    public void setUp() {
        PassData data = switch (rows) {
            case "uint8" -> PassData.pixels(n, d, c, 42);
            case "float" -> PassData.synthetic(n, d, c, 42);
            default -> throw new IllegalArgumentException("rows is uint8 or float, got " + rows);
        };
        x = data.x();
        y = data.y();
        w = data.w();
        grad = Parameters.zeros(c, d, false, true);
        RowKernel k = kernel.equals("vector") ? new VectorRowKernel() : new ScalarRowKernel();
        engine = new BatchEngine(threads == 0 ? Runtime.getRuntime().availableProcessors() : threads, k);
        pass = new FusedPass(engine, x, y);
        lossFunction = TrainConfig.builder().parse("loss", loss).build().objective().loss();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public double lossAndGradient() {
        return pass.lossAndGradient(lossFunction, w, grad).loss();
    }

    /** The scores and the loss alone (no gradient): the first half of the pass. */
    @Benchmark
    public double lossOnly() {
        return pass.loss(lossFunction, w).loss();
    }
}
