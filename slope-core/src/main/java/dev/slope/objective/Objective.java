package dev.slope.objective;

import dev.slope.loss.Loss;
import dev.slope.model.Parameters;
import dev.slope.regularize.Regularizer;

/**
 * The full loss the lecture minimizes,
 *
 * <pre>
 *   L(W) = (1/N) Σ_i L_i(W·x_i + b, y_i) + λ·R(W)
 *   ∂L/∂W = (1/N) Σ_i (∂L_i/∂s)·x_iᵀ + λ·∂R/∂W,     ∂L/∂b = (1/N) Σ_i ∂L_i/∂s
 * </pre>
 *
 * The bias (separate b, or the last column of W under the bias trick) is not penalized unless
 * {@code penalizeBias}.
 *
 * @param loss         the data loss
 * @param regularizer  R
 * @param lambda       λ ≥ 0, the regularization strength
 * @param penalizeBias whether R also covers the bias
 */
public record Objective(Loss loss, Regularizer regularizer, double lambda, boolean penalizeBias) {

    public Objective {
        if (!Double.isFinite(lambda) || lambda < 0) {
            throw new IllegalArgumentException("the regularization strength must be a finite number >= 0, got " + lambda);
        }
    }

    /**
     * The three parts of a loss value, and the accuracy of the rows it was computed on (their highest score, read
     * from the same scores; NaN when unknown).
     */
    public record Value(double total, double data, double penalty, double accuracy) {
        public Value(double total, double data, double penalty) {
            this(total, data, penalty, Double.NaN);
        }
    }

    /** λ·R over the parameters. */
    public double penalty(Parameters p) {
        if (lambda == 0) {
            return 0;
        }
        double r = regularizer.penalty(p.w(), p.classes(), p.dim(), p.penalizedColumns(penalizeBias));
        if (penalizeBias && p.hasSeparateBias()) {
            r += regularizer.penalty(p.b(), 1, p.classes(), p.classes());
        }
        return lambda * r;
    }

    /**
     * Loss and gradient over the pass's rows {@code order[from..to)} (its rows from..to when order is null).
     *
     * @param grad same shape as p; overwritten with ∂L/∂W and ∂L/∂b
     */
    public Value valueAndGradient(Pass pass, Parameters p, int[] order, int from, int to, Parameters grad) {
        Pass.Result data = pass.lossAndGradient(loss, p, order, from, to, grad);
        if (lambda == 0) {
            return new Value(data.loss(), data.loss(), 0, data.accuracy());
        }
        double r = regularizer.addGradientAndPenalty(p.w(), p.classes(), p.dim(), p.penalizedColumns(penalizeBias), lambda,
                grad.w());
        if (penalizeBias && p.hasSeparateBias()) {
            r += regularizer.addGradientAndPenalty(p.b(), 1, p.classes(), p.classes(), lambda, grad.b());
        }
        double penalty = lambda * r;
        return new Value(data.loss() + penalty, data.loss(), penalty, data.accuracy());
    }

    /** Loss over all the pass's rows, without the gradient. */
    public Value value(Pass pass, Parameters p) {
        Pass.Result data = pass.loss(loss, p);
        double penalty = penalty(p);
        return new Value(data.loss() + penalty, data.loss(), penalty, data.accuracy());
    }
}
