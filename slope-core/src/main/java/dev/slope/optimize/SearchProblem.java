package dev.slope.optimize;

import dev.slope.data.ImageSet;
import dev.slope.model.LinearModel;
import dev.slope.model.Parameters;
import dev.slope.objective.FusedPass;
import dev.slope.objective.Objective;
import dev.slope.preprocess.PixelRows;
import dev.slope.preprocess.Preprocessing;

/**
 * What every strategy is measured on: the training split (whose loss it minimizes), the validation and
 * test images (only for the final report), the preprocessing fitted on the training split and the
 * objective.
 */
public final class SearchProblem {
    private final ImageSet train;
    private final ImageSet validation;
    private final ImageSet test;
    private final Preprocessing pre;
    private final Objective objective;
    private final TrainConfig config;
    private final PixelRows rows;
    private final int[] labels;

    /** @param config the loss, regularizer and preprocessing settings (and gradient descent's defaults) */
    public SearchProblem(ImageSet train, ImageSet validation, ImageSet test, TrainConfig config) {
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.config = config;
        this.pre = Preprocessing.fit(train, config.pixelScale(), config.meanImage(), config.biasTrick());
        this.objective = Trainer.objective(config);
        this.rows = new PixelRows(train, pre);
        this.labels = train.labels();
    }

    public ImageSet train() {
        return train;
    }

    public ImageSet validation() {
        return validation;
    }

    public ImageSet test() {
        return test;
    }

    public TrainConfig config() {
        return config;
    }

    public Objective objective() {
        return objective;
    }

    public Preprocessing preprocessing() {
        return pre;
    }

    /** The full training loss of W: one evaluation. */
    public double loss(FusedPass pass, Parameters p) {
        return objective.value(pass, p, rows, labels).total();
    }

    /** New zero parameters of the problem's shape. */
    public Parameters zeros() {
        return Parameters.zeros(train.classCount(), pre.inputDim(), !config.biasTrick(), config.biasTrick());
    }

    /** W as a model, for predictions and pictures. */
    public LinearModel model(Parameters p) {
        return new LinearModel(train.classNames(), train.height(), train.width(), train.channels(), pre, p,
                new LinearModel.LossSpec(config.loss(), config.margin(), config.squaredHinge()), config.toMap());
    }
}
