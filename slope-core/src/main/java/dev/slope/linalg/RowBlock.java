package dev.slope.linalg;

/**
 * One thread's view of up to {@link RowKernel#BLOCK} rows of a {@link RowSource} and their scores
 * {@code s = W·x + b}. Dense rows are read in place; other sources convert each row into a buffer
 * kept here, so scoring a block allocates nothing once the buffers have grown to the row length.
 * Not thread-safe: one per thread.
 */
public final class RowBlock {
    static final int B = RowKernel.BLOCK;
    private float[][] buffers = new float[B][0];
    /** The arrays the block's rows live in: row r is {@code xs[r][xo[r]..xo[r]+D)}. */
    public final float[][] xs = new float[B][];
    public final int[] xo = new int[B];
    /** The row indices of the block, in the source. */
    public final int[] ids = new int[B];
    private float[] scores = new float[0];
    /** What {@link RowSource#touch} read: kept, so that the reads are made. */
    private int touched;

    /** The scores of the last {@link #score} call, block-major: {@code scores()[r*C + c]}. Read only. */
    public float[] scores() {
        return scores;
    }

    /**
     * Loads rows {@code order[k..k+rows)} (rows {@code k..k+rows} when order is null) and scores them.
     *
     * @param w C×D weights, read only
     * @param b C biases, or empty when there are none; read only
     */
    public void score(RowKernel kernel, float[] w, float[] b, int classes, RowSource x, int[] order, int k, int rows) {
        int dim = x.cols();
        if (buffers[0].length < dim && !(x instanceof DenseRows)) {
            buffers = new float[B][dim];
        }
        if (scores.length < B * classes) {
            scores = new float[B * classes];
        }
        for (int r = 0; r < rows; r++) {
            int i = order == null ? k + r : order[k + r];
            ids[r] = i;
            if (x instanceof DenseRows dense) {
                xs[r] = dense.data();
                xo[r] = i * dim;
            } else {
                x.copyRow(i, buffers[r]);
                xs[r] = buffers[r];
                xo[r] = 0;
            }
        }
        if (order != null) {
            // the next block's rows (of this batch or the next: the order goes on) start coming from memory while
            // this block is scored
            int next = k + rows;
            touched += x.touch(order, next, Math.min(next + B, order.length));
        }
        float[] s = scores;
        kernel.scoresBlock(w, classes, dim, xs, xo, rows, s);
        if (b.length != 0) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < classes; c++) {
                    s[r * classes + c] += b[c];
                }
            }
        }
    }
}
