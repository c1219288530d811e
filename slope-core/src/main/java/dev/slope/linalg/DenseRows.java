package dev.slope.linalg;

/**
 * A dense float design matrix, N×D row-major ({@code data[i*D + j]}). Kernels read its array directly.
 *
 * @param data N×D values; read only once wrapped
 */
public record DenseRows(float[] data, int rows, int cols) implements RowSource {
    public DenseRows {
        Checks.requireShape("X", data, rows, cols);
    }

    @Override
    public void copyRow(int i, float[] out) {
        System.arraycopy(data, i * cols, out, 0, cols);
    }
}
