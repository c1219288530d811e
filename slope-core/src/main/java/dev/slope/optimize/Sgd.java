package dev.slope.optimize;

/** Vanilla gradient descent, the lecture's update: {@code θ −= η·∇θ L}. Stateless. */
public record Sgd() implements UpdateRule {

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public void step(float[][] params, float[][] grads, double learningRate) {
        float eta = (float) learningRate;
        for (int a = 0; a < params.length; a++) {
            float[] p = params[a];
            float[] g = grads[a];
            for (int k = 0; k < p.length; k++) {
                p[k] -= eta * g[k];
            }
        }
    }
}
