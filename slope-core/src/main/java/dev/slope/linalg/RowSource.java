package dev.slope.linalg;

/**
 * The rows of a design matrix X (N×D), handed to a kernel one at a time. Implementations may keep
 * their data compact (uint8 pixels) and convert a row only when the kernel asks for it, so a dataset
 * is never copied per epoch.
 */
public interface RowSource {
    /** N, the number of rows. */
    int rows();

    /** D, the number of columns. */
    int cols();

    /** Writes row i into {@code out[0..D)}; {@code out} is overwritten. */
    void copyRow(int i, float[] out);

    /**
     * False for rows that live elsewhere (slope-spark's rows on a cluster): they are only counted here, read and
     * checked where they live, and {@link #copyRow} refuses.
     */
    default boolean local() {
        return true;
    }
}
