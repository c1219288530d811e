package dev.slope.optimize;

import dev.slope.linalg.Randoms;
import java.util.SplittableRandom;

/**
 * Which rows each step of a run reads: epochs of the rows in a shuffled order cut into batches, or batches drawn with
 * replacement, both from the second stream of the run's seed (the first draws the initial weights,
 * {@link GradientTrainer#initialParameters}). Every local step implementation takes its batches from here, so they read
 * the same rows in the same order.
 */
final class BatchOrder {
    private final SplittableRandom random;
    private final int n;
    private final int batch;
    private final int perEpoch;
    private final int[] order;
    private final int[] drawn;

    BatchOrder(TrainConfig config, int n) {
        TrainConfig.Optimizer opt = config.optimizer();
        SplittableRandom seeded = new SplittableRandom(config.seed());
        seeded.split(); // the initializer's stream
        this.random = seeded.split();
        this.n = n;
        this.batch = Math.min(opt.batchSize(), n);
        this.perEpoch = (n + batch - 1) / batch;
        this.order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        this.drawn = opt.sampling() == TrainConfig.Sampling.REPLACEMENT ? new int[batch] : null;
    }

    int batch() {
        return batch;
    }

    int perEpoch() {
        return perEpoch;
    }

    /** Shuffles the rows for a new epoch (nothing to do for full batches or draws with replacement). */
    void startEpoch() {
        if (drawn == null && batch < n) {
            Randoms.shuffle(order, random);
        }
    }

    /** Draws again what an epoch drew, without running it (a resumed run's epochs done). */
    void skipEpoch() {
        if (drawn == null) {
            startEpoch();
        } else {
            for (long k = 0; k < (long) perEpoch * batch; k++) {
                random.nextInt(n);
            }
        }
    }

    /** The rows of step {@code step}: {@code rows()[from(step)..to(step))}; draws them first when with replacement. */
    int[] rows(int step) {
        if (drawn != null) {
            for (int k = 0; k < batch; k++) {
                drawn[k] = random.nextInt(n);
            }
            return drawn;
        }
        return order;
    }

    int from(int step) {
        return drawn != null ? 0 : step * batch;
    }

    int to(int step) {
        return drawn != null ? batch : Math.min(n, step * batch + batch);
    }
}
