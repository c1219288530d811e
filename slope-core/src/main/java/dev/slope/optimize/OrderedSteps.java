package dev.slope.optimize;

import dev.slope.objective.Pass;

/**
 * What every local step implementation shares: the rows each step reads ({@link BatchOrder}), the pass over all the
 * training rows, and the schedule's rate at a step.
 */
abstract class OrderedSteps implements Steps {
    final TrainConfig.Optimizer opt;
    final BatchOrder batches;
    private final Pass pass;
    private final long totalSteps;

    OrderedSteps(TrainConfig config, Pass pass) {
        this.opt = config.optimizer();
        this.pass = pass;
        this.batches = new BatchOrder(config, pass.rows());
        this.totalSteps = (long) batches.perEpoch() * opt.epochs();
    }

    @Override
    public final int perEpoch() {
        return batches.perEpoch();
    }

    @Override
    public final int batchSize() {
        return batches.batch();
    }

    @Override
    public final Pass pass() {
        return pass;
    }

    @Override
    public final void startEpoch(int epoch) {
        batches.startEpoch();
    }

    @Override
    public final void skipEpoch(int epoch) {
        batches.skipEpoch();
    }

    /** The schedule's rate at step {@code step} (from 0) of epoch {@code epoch} (from 1). */
    final double rate(int epoch, int step) {
        return opt.rate((long) (epoch - 1) * batches.perEpoch() + step, batches.perEpoch(), totalSteps);
    }
}
