package dev.slope.linalg;

/** Argument checks shared by the whole library, with messages that name the offending shape or value. */
public final class Checks {
    private Checks() {
    }

    /** Throws unless {@code array.length == rows * cols}, naming the array and both shapes. */
    public static void requireShape(String name, float[] array, int rows, int cols) {
        if (array == null || (long) array.length != (long) rows * cols) {
            throw new IllegalArgumentException(name + " should hold " + rows + "x" + cols + " = "
                    + ((long) rows * cols) + " values but holds " + (array == null ? "nothing" : array.length));
        }
    }

    /** Throws unless {@code array.length == rows * cols}, naming the array and both shapes. */
    public static void requireShape(String name, double[] array, int rows, int cols) {
        if (array == null || (long) array.length != (long) rows * cols) {
            throw new IllegalArgumentException(name + " should hold " + rows + "x" + cols + " = "
                    + ((long) rows * cols) + " values but holds " + (array == null ? "nothing" : array.length));
        }
    }

    /** Throws unless {@code 0 <= label < classes}. */
    public static void requireLabel(int label, int classes, int example) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label " + label + " of example " + example
                    + " is outside 0.." + (classes - 1) + " (" + classes + " classes)");
        }
    }

    /** Throws unless the value is finite and at least zero. */
    public static double requireNonNegative(String name, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
        return value;
    }

    /** Throws unless the value is finite and above zero. */
    public static double requirePositive(String name, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    /** Throws unless the value is at least one. */
    public static int requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
        return value;
    }
}
