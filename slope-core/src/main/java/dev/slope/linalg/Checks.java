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
}
