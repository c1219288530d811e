package dev.slope.optimize;

/** Vanilla gradient descent, the lecture's update: {@code θ −= η·∇θ L}. It keeps no state but the step count. */
public final class Sgd extends UpdateRules.Stateful {

    public Sgd() {
        super(0);
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    protected void update(float[] p, float[] g, float[][] state, double learningRate) {
        float eta = (float) learningRate;
        for (int k = 0; k < p.length; k++) {
            p[k] -= eta * g[k];
        }
    }

    @Override
    protected Sgd fresh() {
        return new Sgd();
    }
}
