package dev.slope.optimize;

import dev.slope.model.LinearModel;
import dev.slope.model.Parameters;
import dev.slope.model.Provenance;
import dev.slope.objective.FusedPass;
import dev.slope.objective.Objective;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Splits;

/**
 * What every strategy is measured on: the training rows (whose loss it minimizes), the validation and
 * test rows (only for the final report), all made by one pipeline fitted on the training split, and the
 * objective.
 */
public final class SearchProblem {
    private final Splits data;
    private final Objective objective;
    private final TrainConfig config;

    /** @param config the loss and regularizer settings (and gradient descent's defaults) */
    public SearchProblem(Splits data, TrainConfig config) {
        this.data = data;
        this.config = config;
        this.objective = config.objective();
    }

    public Dataset train() {
        return data.train();
    }

    public Dataset validation() {
        return data.validation();
    }

    public Dataset test() {
        return data.test();
    }

    public TrainConfig config() {
        return config;
    }

    public Objective objective() {
        return objective;
    }

    /** The full training loss of W: one evaluation, by a pass over the training rows ({@link #pass}). */
    public double loss(FusedPass pass, Parameters p) {
        if (pass.rows() != train().size()) {
            throw new IllegalArgumentException("the pass holds " + pass.rows() + " rows, not the problem's "
                    + train().size() + " training rows: make it with pass(engine)");
        }
        return objective.value(pass, p).total();
    }

    /** A pass over the training rows, on {@code engine}, for {@link #loss} and the strategies. */
    public FusedPass pass(dev.slope.linalg.BatchEngine engine) {
        return new FusedPass(engine, train());
    }

    /** New zero parameters of the problem's shape. */
    public Parameters zeros() {
        boolean biasTrick = train().pipeline().biasTrick();
        return Parameters.zeros(train().classCount(), train().dim(), !biasTrick, biasTrick);
    }

    /** W as a model, for predictions and pictures; {@code kernel} names the kernel that found it. */
    public LinearModel model(Parameters p, String kernel) {
        return new LinearModel(train().classNames(), train().pipeline(), p, objective.loss(),
                Provenance.now(config.toJson(), train().source(), kernel));
    }
}
