package dev.slope.knn;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kNN distance tile on one core: 6 queries of 784 pixels against the 32 training rows of each of 8
 * panels (800 KB, in L2), the shapes of Fashion-MNIST. One tile is 6 × 32 × 784 = 150,528 multiply-adds:
 * 9,408 FMAs of 16 lanes, so its floor at two 512-bit FMAs per cycle is 4,704 cycles.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TileBenchmark {
    @Param({"DOT", "L2", "L1"})
    public String mode;

    private static final int DIM = 784;
    /** Panels of 32 rows: 8 (800 KB, in L2) or 1875 (all of Fashion-MNIST's 60,000 training rows, from memory). */
    @Param({"8", "1875"})
    public int panelCount;
    private TileKernel kernel;
    private float[] query;
    private int[] q;
    private double[] worst;
    private float[] packed;
    private int[] lane;
    private double[] out;
    private int panels;

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(1);
        int w = TileKernel.panelWidth();
        int n = panelCount * w;
        float[] rows = new float[n * DIM];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = r.nextInt(256);
        }
        query = new float[8 * DIM];
        for (int i = 0; i < query.length; i++) {
            query[i] = r.nextInt(256);
        }
        Panels p = new Panels(n, DIM, w, (i, o) -> System.arraycopy(rows, i * DIM, o, 0, DIM));
        panels = p.count;
        kernel = TileKernel.best(p, TileKernel.Mode.valueOf(mode), new double[8], new int[n]);
        q = new int[kernel.queries()];
        for (int i = 0; i < q.length; i++) {
            q[i] = i;
        }
        packed = new float[q.length * DIM];
        TileKernel.pack(query, DIM, q, packed, 0);
        out = new double[q.length * w];
        lane = new int[q.length * w];
        worst = new double[q.length];
        java.util.Arrays.fill(worst, 1e6);
    }

    /** One tile against each panel: divide by the panel count for one tile. */
    @Benchmark
    public double tiles() {
        double s = 0;
        for (int p = 0; p < panels; p++) {
            s += kernel.tile(packed, 0, q, p, worst, lane, out);
        }
        return s;
    }

    /** Fifty tiles against each panel before the next (a panel read from memory once, then from cache). */
    @Benchmark
    public double fiftyTilesPerPanel() {
        double s = 0;
        for (int p = 0; p < panels; p++) {
            for (int t = 0; t < 50; t++) {
                s += kernel.tile(packed, 0, q, p, worst, lane, out);
            }
        }
        return s;
    }
}
