package dev.slope.model;

import dev.slope.linalg.Checks;
import dev.slope.linalg.Sweeps;

/**
 * The trainable numbers of a linear classifier: W (C×D, row c is the template of class c, indexed
 * {@code c*D + j}) and the bias b (C). With the bias trick the bias is the last column of W and
 * {@code b} is empty; {@link #biasInLastColumn()} says which form is used. Mutable: trainers update it
 * in place; {@link LinearModel} keeps its own copy.
 */
public final class Parameters {
    private final int classes;
    private final int dim;
    private final float[] w;
    private final float[] b;
    private final boolean biasInLastColumn;

    /**
     * @param w                C×D weights (owned, not copied)
     * @param b                C biases, or an empty array when the bias is folded into W
     * @param biasInLastColumn true when the last column of W is the bias (bias trick)
     */
    public Parameters(int classes, int dim, float[] w, float[] b, boolean biasInLastColumn) {
        Checks.requireShape("W", w, classes, dim);
        if (b.length != 0 && b.length != classes) {
            throw new IllegalArgumentException("b should hold " + classes + " values (one per class) or none, holds " + b.length);
        }
        if (biasInLastColumn && b.length != 0) {
            throw new IllegalArgumentException("the bias is either the last column of W or a separate b, not both");
        }
        this.classes = classes;
        this.dim = dim;
        this.w = w;
        this.b = b;
        this.biasInLastColumn = biasInLastColumn;
    }

    /** All zeros. */
    public static Parameters zeros(int classes, int dim, boolean separateBias, boolean biasInLastColumn) {
        return new Parameters(classes, dim, new float[classes * dim], new float[separateBias ? classes : 0], biasInLastColumn);
    }

    public int classes() {
        return classes;
    }

    /** D, the width of W (including a folded bias column). */
    public int dim() {
        return dim;
    }

    /** W, C×D; writable by trainers. */
    public float[] w() {
        return w;
    }

    /** b, C values, or empty when the bias is folded into W. */
    public float[] b() {
        return b;
    }

    public boolean hasSeparateBias() {
        return b.length != 0;
    }

    public boolean biasInLastColumn() {
        return biasInLastColumn;
    }

    /** Number of W's columns a regularizer sees: all but a folded bias, unless the bias is penalized. */
    public int penalizedColumns(boolean penalizeBias) {
        return biasInLastColumn && !penalizeBias ? dim - 1 : dim;
    }

    /** The bias of class c, wherever it is kept. */
    public float bias(int c) {
        return hasSeparateBias() ? b[c] : biasInLastColumn ? w[c * dim + dim - 1] : 0f;
    }

    public Parameters copy() {
        return new Parameters(classes, dim, w.clone(), b.clone(), biasInLastColumn);
    }

    /** Copies another set of the same shape into this one. */
    public void set(Parameters other) {
        System.arraycopy(other.w, 0, w, 0, w.length);
        System.arraycopy(other.b, 0, b, 0, b.length);
    }

    /** The arrays an update rule steps: W, then b when it is kept apart (live, not copies). */
    public float[][] arrays() {
        return hasSeparateBias() ? new float[][] {w, b} : new float[][] {w};
    }

    /** Number of trainable numbers, C·D + |b|. */
    public int size() {
        return w.length + b.length;
    }

    /** True when every number is finite. */
    public boolean isFinite() {
        for (float v : w) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        for (float v : b) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** W then b, as doubles: the vector θ a gradient check perturbs. */
    public double[] flatten() {
        double[] theta = new double[size()];
        for (int k = 0; k < w.length; k++) {
            theta[k] = w[k];
        }
        for (int c = 0; c < b.length; c++) {
            theta[w.length + c] = b[c];
        }
        return theta;
    }

    /** ‖W‖ and ‖b‖ together (Euclidean). */
    public double norm() {
        return Math.sqrt(Sweeps.squares(w) + Sweeps.squares(b));
    }
}
