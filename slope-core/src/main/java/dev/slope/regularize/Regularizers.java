package dev.slope.regularize;

import dev.slope.linalg.Sweeps;

/** The lecture's regularizers (registered by name in {@code dev.slope.optimize.Settings}). */
public final class Regularizers {
    public static final double DEFAULT_BETA = 1.0;

    private Regularizers() {
    }

    /** No penalty: R(W) = 0. */
    public record None() implements Regularizer {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public double value(double w) {
            return 0;
        }

        @Override
        public double derivative(double w) {
            return 0;
        }
    }

    /** L2 (weight decay): R(W) = Σ W², ∂R/∂W = 2W. Prefers many small weights over a few large ones. */
    public record L2() implements Regularizer {
        @Override
        public String name() {
            return "l2";
        }

        @Override
        public double value(double w) {
            return w * w;
        }

        @Override
        public double derivative(double w) {
            return 2 * w;
        }

        /** Σ W² on {@link Sweeps} (SIMD lanes where the JVM has them), row by row over the penalized columns. */
        @Override
        public double penalty(float[] w, int rows, int cols, int penalizedCols) {
            return addGradientAndPenalty(w, rows, cols, penalizedCols, 0, null);
        }

        /**
         * One {@link Sweeps#addScaledSquares} per row (the gradient 2λ·w in float, so within a float's rounding of the
         * interface's loops); Σ W² is summed in {@link Sweeps}' order.
         */
        @Override
        public double addGradientAndPenalty(float[] w, int rows, int cols, int penalizedCols, double lambda,
                float[] grad) {
            if (penalizedCols == cols) {
                return sweep(w, 0, rows * cols, lambda, grad);
            }
            double sum = 0;
            for (int c = 0, o = 0; c < rows; c++, o += cols) {
                sum += sweep(w, o, o + penalizedCols, lambda, grad);
            }
            return sum;
        }

        private static double sweep(float[] w, int from, int to, double lambda, float[] grad) {
            return grad == null ? Sweeps.squares(w, from, to) : Sweeps.addScaledSquares(w, from, to, 2 * lambda, grad);
        }
    }

    /** L1: R(W) = Σ |W|, ∂R/∂W = sign(W) (0 at 0). Drives weights to exactly zero. */
    public record L1() implements Regularizer {
        @Override
        public String name() {
            return "l1";
        }

        @Override
        public double value(double w) {
            return Math.abs(w);
        }

        @Override
        public double derivative(double w) {
            return Math.signum(w);
        }
    }

    /**
     * Elastic net in the lecture's form: R(W) = Σ (β·W² + |W|), ∂R/∂W = 2βW + sign(W).
     *
     * @param beta β ≥ 0, the weight of the squared part
     */
    public record ElasticNet(double beta) implements Regularizer {
        public ElasticNet {
            if (!Double.isFinite(beta) || beta < 0) {
                throw new IllegalArgumentException("the elastic-net beta must be a finite number >= 0, got " + beta);
            }
        }

        @Override
        public String name() {
            return "elasticnet";
        }

        @Override
        public double value(double w) {
            return beta * w * w + Math.abs(w);
        }

        @Override
        public double derivative(double w) {
            return 2 * beta * w + Math.signum(w);
        }
    }
}
