package dev.slope.loss;

/**
 * The multiclass SVM (hinge) loss in the Weston–Watkins form used by the lecture: every wrong class
 * that comes within the margin Δ of the true class adds to the loss,
 *
 * <pre>
 *   L_i = Σ_{j≠y} max(0, s_j − s_y + Δ)          (hinge)
 *   L_i = Σ_{j≠y} max(0, s_j − s_y + Δ)²         (squared hinge)
 * </pre>
 *
 * (Crammer–Singer, by contrast, charges only the worst wrong class.) The gradient: each violating j gets
 * ∂L/∂s_j = 1 (squared: 2·margin_j) and the true class gets minus their sum. At a kink (margin exactly 0)
 * the subgradient 0 is taken.
 *
 * <p>{@code includeCorrectClass} sums over all classes including j = y, which adds exactly Δ (hinge) or Δ²
 * (squared) to every example: the lecture's question 4. It is off by default.
 *
 * @param margin  Δ, the gap the true class should keep above the others; 1 in the lecture
 * @param squared use the squared hinge
 */
public record MulticlassSvm(double margin, boolean squared, boolean includeCorrectClass) implements Loss {
    public static final double DEFAULT_MARGIN = 1.0;

    public MulticlassSvm {
        if (!Double.isFinite(margin) || margin < 0) {
            throw new IllegalArgumentException("the SVM margin must be a finite number >= 0, got " + margin);
        }
    }

    /** The lecture's loss: hinge with margin 1. */
    public MulticlassSvm() {
        this(DEFAULT_MARGIN, false, false);
    }

    public MulticlassSvm(double margin, boolean squared) {
        this(margin, squared, false);
    }

    @Override
    public String name() {
        return "svm";
    }

    @Override
    public double lossAndGradient(double[] s, int offset, int classes, int label, double[] ds, int dOffset) {
        double sy = s[offset + label];
        double loss = 0;
        double trueGrad = 0;
        for (int j = 0; j < classes; j++) {
            double m = s[offset + j] - sy + margin;
            boolean active = m > 0 && (j != label || includeCorrectClass);
            double g = 0;
            if (active) {
                loss += squared ? m * m : m;
                g = squared ? 2 * m : 1;
                if (j != label) {
                    trueGrad -= g;
                }
            }
            if (ds != null) {
                ds[dOffset + j] = j == label ? 0 : g;
            }
        }
        if (ds != null) {
            // with j = y included, its term max(0, Δ) is constant in s: no gradient
            ds[dOffset + label] = trueGrad;
        }
        return loss;
    }
}
