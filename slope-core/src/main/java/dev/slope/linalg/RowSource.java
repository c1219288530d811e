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
     * Reads one value of every cache line of rows {@code order[from..to)}, so the memory brings them in while the
     * caller computes on rows it already holds: rows drawn in a shuffled order come from anywhere in a large set,
     * which the hardware does not foresee. A hint with no effect on any result; returns a value made of what was read,
     * which the caller keeps (so the JIT keeps the reads). Sources whose rows are not far away return 0.
     */
    default int touch(int[] order, int from, int to) {
        return 0;
    }

    /**
     * True when every value is finite by construction (pixel bytes through a preprocessing that keeps them finite), so
     * a check of the rows need not read them. False (the default) when only reading tells.
     */
    default boolean finiteByConstruction() {
        return false;
    }

    /**
     * False for rows that live elsewhere (slope-spark's rows on a cluster): they are only counted here, read and
     * checked where they live, and {@link #copyRow} refuses.
     */
    default boolean local() {
        return true;
    }
}
