package dev.slope.loss;

/**
 * The one-vs-all SVM: one binary SVM per class, each asking its score to be above +Δ for its own class and
 * below −Δ for every other,
 *
 * <pre>
 *   L_i = Σ_j max(0, Δ − y_ij·s_j),   y_ij = +1 for j = y_i, −1 otherwise
 * </pre>
 *
 * Unlike the Weston–Watkins form ({@link MulticlassSvm}) the classes never meet in one margin: each score is
 * judged on its own. The gradient: each active j gets ∂L/∂s_j = −y_ij. At a kink (the term exactly 0) the
 * subgradient 0 is taken. With every score equal to 0 the loss is C·Δ.
 *
 * @param margin Δ; 1 in the lecture's demo
 */
public record OneVsAllSvm(double margin) implements Loss {

    public OneVsAllSvm {
        if (!Double.isFinite(margin) || margin < 0) {
            throw new IllegalArgumentException("the SVM margin must be a finite number >= 0, got " + margin);
        }
    }

    /** Margin 1. */
    public OneVsAllSvm() {
        this(MulticlassSvm.DEFAULT_MARGIN);
    }

    @Override
    public String name() {
        return "ova";
    }

    @Override
    public double lossAndGradient(double[] s, int offset, int classes, int label, double[] ds, int dOffset) {
        double loss = 0;
        for (int j = 0; j < classes; j++) {
            double y = j == label ? 1 : -1;
            double m = margin - y * s[offset + j];
            if (m > 0) {
                loss += m;
            }
            if (ds != null) {
                ds[dOffset + j] = m > 0 ? -y : 0;
            }
        }
        return loss;
    }
}
