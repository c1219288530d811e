package dev.slope.optimize;

import dev.slope.model.LinearModel;

/**
 * One strategy's run, on the same terms for all: the work spent, the loss curve against evaluations and
 * against seconds, the final loss and accuracies. Accuracies are fractions; NaN where a split is empty.
 *
 * @param curveEvaluations evaluations spent at each point of the curve
 * @param curveSeconds     seconds spent at each point (time spent measuring the curve itself excluded)
 * @param curveLoss        the full training loss at each point
 */
public record StrategyReport(String name, double evaluations, double seconds, double[] curveEvaluations,
                             double[] curveSeconds, double[] curveLoss, double finalLoss, double trainAccuracy,
                             double validationAccuracy, double testAccuracy, LinearModel model) {
}
