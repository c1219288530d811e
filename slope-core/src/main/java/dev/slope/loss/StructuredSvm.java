package dev.slope.loss;

/**
 * The structured SVM in the Crammer–Singer form: only the highest-scoring wrong class is charged,
 *
 * <pre>
 *   L_i = max(0, Δ + max_{j≠y_i} s_j − s_{y_i})
 * </pre>
 *
 * where the Weston–Watkins form ({@link MulticlassSvm}) sums over every wrong class. The gradient, when the
 * term is positive: +1 for that wrong class (the first of them on a tie), −1 for the true class; 0 otherwise
 * (also at the kink). With every score equal the loss is Δ.
 *
 * @param margin Δ; 1 in the lecture's demo
 */
public record StructuredSvm(double margin) implements Loss {

    public StructuredSvm {
        if (!Double.isFinite(margin) || margin < 0) {
            throw new IllegalArgumentException("the SVM margin must be a finite number >= 0, got " + margin);
        }
    }

    /** Margin 1. */
    public StructuredSvm() {
        this(MulticlassSvm.DEFAULT_MARGIN);
    }

    @Override
    public String name() {
        return "structured";
    }

    @Override
    public double lossAndGradient(double[] s, int offset, int classes, int label, double[] ds, int dOffset) {
        int worst = -1;
        for (int j = 0; j < classes; j++) {
            if (j != label && (worst < 0 || s[offset + j] > s[offset + worst])) {
                worst = j;
            }
        }
        double m = worst < 0 ? 0 : margin + s[offset + worst] - s[offset + label];
        if (ds != null) {
            for (int j = 0; j < classes; j++) {
                ds[dOffset + j] = 0;
            }
            if (m > 0) {
                ds[dOffset + worst] = 1;
                ds[dOffset + label] = -1;
            }
        }
        return Math.max(0, m);
    }
}
