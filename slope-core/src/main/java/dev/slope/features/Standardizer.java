package dev.slope.features;

/**
 * Centres and scales each feature to mean 0 and standard deviation 1 over the training rows:
 * {@code x' = (x − μ) / σ}, with σ = 1 for a feature that does not vary. Fitted on the training split only.
 *
 * @param mean  μ per feature
 * @param scale 1/σ per feature
 */
public record Standardizer(float[] mean, float[] scale) {
    public Standardizer {
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("a standardizer needs as many scales as means, got " + mean.length + " and "
                    + scale.length);
        }
        mean = mean.clone();
        scale = scale.clone();
    }

    /**
     * Fits on N×D rows (row-major). Two passes, mean then Σ(x − μ)²/n, so a feature that never varies gets a
     * variance of exactly 0 (E[x²] − μ² leaves rounding noise that would blow its scale up).
     */
    public static Standardizer fit(float[] rows, int n, int d) {
        double[] sum = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0, o = i * d; j < d; j++) {
                sum[j] += rows[o + j];
            }
        }
        double[] m = new double[d];
        for (int j = 0; j < d; j++) {
            m[j] = n == 0 ? 0 : sum[j] / n;
        }
        double[] sq = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0, o = i * d; j < d; j++) {
                double c = rows[o + j] - m[j];
                sq[j] += c * c;
            }
        }
        float[] mean = new float[d];
        float[] scale = new float[d];
        for (int j = 0; j < d; j++) {
            double var = n == 0 ? 0 : sq[j] / n;
            mean[j] = (float) m[j];
            scale[j] = var > 1e-12 ? (float) (1 / Math.sqrt(var)) : 1f;
        }
        return new Standardizer(mean, scale);
    }

    public int dim() {
        return mean.length;
    }

    /** Standardizes {@code d} values of {@code x} from {@code offset} in place. */
    public void apply(float[] x, int offset) {
        for (int j = 0; j < mean.length; j++) {
            x[offset + j] = (x[offset + j] - mean[j]) * scale[j];
        }
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] scale() {
        return scale.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer s && java.util.Arrays.equals(mean, s.mean) && java.util.Arrays.equals(scale, s.scale);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(mean) + java.util.Arrays.hashCode(scale);
    }
}
