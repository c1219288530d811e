package dev.slope.optimize;

import java.util.ArrayList;
import java.util.List;

/**
 * The update rules, each a fresh object with its own state (so one per training run), and lookup by
 * name. Every rule subtracts: θ moves against the gradient g = ∂L/∂θ with learning rate η.
 */
public final class UpdateRules {
    public static final List<String> NAMES = List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam");

    private UpdateRules() {
    }

    /**
     * The settings of every rule, with the usual defaults.
     *
     * @param momentum μ of momentum and Nesterov (0.9)
     * @param decay    ρ of RMSProp's running mean of g² (0.99)
     * @param beta1    β1 of Adam's first moment (0.9)
     * @param beta2    β2 of Adam's second moment (0.999)
     * @param epsilon  ε added to the root in AdaGrad, RMSProp and Adam (1e-8)
     */
    public record Settings(double momentum, double decay, double beta1, double beta2, double epsilon) {
        public static final Settings DEFAULTS = new Settings(0.9, 0.99, 0.9, 0.999, 1e-8);

        public Settings {
            inUnitInterval("--momentum", momentum);
            inUnitInterval("--decay-rate", decay);
            inUnitInterval("--beta1", beta1);
            inUnitInterval("--beta2", beta2);
            if (!Double.isFinite(epsilon) || epsilon <= 0) {
                throw new IllegalArgumentException("--epsilon must be a finite number > 0, got " + epsilon);
            }
        }

        private static void inUnitInterval(String flag, double v) {
            if (!(v >= 0 && v < 1)) {
                throw new IllegalArgumentException(flag + " must be in [0, 1), got " + v);
            }
        }
    }

    /** A new rule of the given name with fresh state. */
    public static UpdateRule of(String name, Settings s) {
        return switch (name) {
            case "sgd" -> new Sgd();
            case "momentum" -> new Momentum(s.momentum());
            case "nesterov" -> new Nesterov(s.momentum());
            case "adagrad" -> new AdaGrad(s.epsilon());
            case "rmsprop" -> new RmsProp(s.decay(), s.epsilon());
            case "adam" -> new Adam(s.beta1(), s.beta2(), s.epsilon());
            default -> throw new IllegalArgumentException("unknown update rule '" + name + "'; choose one of " + NAMES);
        };
    }

    /** Per-array state, allocated on the first step (the arrays keep their shapes for a whole run). */
    abstract static class Stateful implements UpdateRule {
        private final List<float[][]> state = new ArrayList<>();

        /** The k-th state array (of {@code slots}) for parameter array a. */
        float[] state(int a, int slot, int slots, int length) {
            while (state.size() <= a) {
                state.add(new float[slots][]);
            }
            float[][] s = state.get(a);
            if (s[slot] == null) {
                s[slot] = new float[length];
            }
            return s[slot];
        }
    }

    /**
     * Momentum (Polyak 1964, "heavy ball"), CS231n's form: {@code v = μ·v − η·g;  θ += v}.
     * The velocity v remembers past steps, so progress along consistent directions builds up.
     */
    public static final class Momentum extends Stateful {
        private final double mu;

        public Momentum(double mu) {
            this.mu = mu;
        }

        @Override
        public String name() {
            return "momentum";
        }

        @Override
        public void step(float[][] params, float[][] grads, double lr) {
            for (int a = 0; a < params.length; a++) {
                float[] p = params[a];
                float[] g = grads[a];
                float[] v = state(a, 0, 1, p.length);
                for (int k = 0; k < p.length; k++) {
                    v[k] = (float) (mu * v[k] - lr * g[k]);
                    p[k] += v[k];
                }
            }
        }
    }

    /**
     * Nesterov momentum (Nesterov 1983; Sutskever et al. 2013), in the form that keeps θ at the
     * "looked-ahead" point: {@code v' = μ·v − η·g;  θ += −μ·v + (1 + μ)·v';  v = v'}.
     */
    public static final class Nesterov extends Stateful {
        private final double mu;

        public Nesterov(double mu) {
            this.mu = mu;
        }

        @Override
        public String name() {
            return "nesterov";
        }

        @Override
        public void step(float[][] params, float[][] grads, double lr) {
            for (int a = 0; a < params.length; a++) {
                float[] p = params[a];
                float[] g = grads[a];
                float[] v = state(a, 0, 1, p.length);
                for (int k = 0; k < p.length; k++) {
                    double prev = v[k];
                    double next = mu * prev - lr * g[k];
                    v[k] = (float) next;
                    p[k] += (float) (-mu * prev + (1 + mu) * next);
                }
            }
        }
    }

    /**
     * AdaGrad (Duchi, Hazan and Singer 2011): {@code G += g²;  θ −= η·g / (√G + ε)}. Each weight gets its
     * own rate, shrinking with the gradients it has seen.
     */
    public static final class AdaGrad extends Stateful {
        private final double eps;

        public AdaGrad(double eps) {
            this.eps = eps;
        }

        @Override
        public String name() {
            return "adagrad";
        }

        @Override
        public void step(float[][] params, float[][] grads, double lr) {
            for (int a = 0; a < params.length; a++) {
                float[] p = params[a];
                float[] g = grads[a];
                float[] cache = state(a, 0, 1, p.length);
                for (int k = 0; k < p.length; k++) {
                    cache[k] += g[k] * g[k];
                    p[k] -= (float) (lr * g[k] / (Math.sqrt(cache[k]) + eps));
                }
            }
        }
    }

    /**
     * RMSProp (Tieleman and Hinton 2012, Coursera lecture 6e): {@code G = ρ·G + (1 − ρ)·g²;
     * θ −= η·g / (√G + ε)}. AdaGrad with a leaky memory, so the rate does not decay to zero.
     */
    public static final class RmsProp extends Stateful {
        private final double rho;
        private final double eps;

        public RmsProp(double rho, double eps) {
            this.rho = rho;
            this.eps = eps;
        }

        @Override
        public String name() {
            return "rmsprop";
        }

        @Override
        public void step(float[][] params, float[][] grads, double lr) {
            for (int a = 0; a < params.length; a++) {
                float[] p = params[a];
                float[] g = grads[a];
                float[] cache = state(a, 0, 1, p.length);
                for (int k = 0; k < p.length; k++) {
                    cache[k] = (float) (rho * cache[k] + (1 - rho) * g[k] * g[k]);
                    p[k] -= (float) (lr * g[k] / (Math.sqrt(cache[k]) + eps));
                }
            }
        }
    }

    /**
     * Adam (Kingma and Ba 2015): {@code m = β1·m + (1 − β1)·g;  v = β2·v + (1 − β2)·g²;
     * m̂ = m / (1 − β1^t);  v̂ = v / (1 − β2^t);  θ −= η·m̂ / (√v̂ + ε)}, t counting steps from 1.
     */
    public static final class Adam extends Stateful {
        private final double beta1;
        private final double beta2;
        private final double eps;
        private long t;

        public Adam(double beta1, double beta2, double eps) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
        }

        @Override
        public String name() {
            return "adam";
        }

        @Override
        public void step(float[][] params, float[][] grads, double lr) {
            t++;
            double c1 = 1 - Math.pow(beta1, t);
            double c2 = 1 - Math.pow(beta2, t);
            for (int a = 0; a < params.length; a++) {
                float[] p = params[a];
                float[] g = grads[a];
                float[] m = state(a, 0, 2, p.length);
                float[] v = state(a, 1, 2, p.length);
                for (int k = 0; k < p.length; k++) {
                    m[k] = (float) (beta1 * m[k] + (1 - beta1) * g[k]);
                    v[k] = (float) (beta2 * v[k] + (1 - beta2) * g[k] * g[k]);
                    p[k] -= (float) (lr * (m[k] / c1) / (Math.sqrt(v[k] / c2) + eps));
                }
            }
        }
    }
}
