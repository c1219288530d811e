package dev.slope.preprocess;

import dev.slope.data.ImageSet;
import dev.slope.linalg.RowSource;

/**
 * An image set seen as a design matrix: rows stay uint8 in the set and are scaled, centred and given
 * their bias 1 only when a kernel asks for them, so nothing is copied per epoch.
 */
public final class PixelRows implements RowSource {
    private final ImageSet images;
    private final byte[] pixels;
    private final int rows;
    private final int stride;
    private final Preprocessing pre;

    public PixelRows(ImageSet images, Preprocessing pre) {
        if (images.pixelsPerImage() != pre.pixels()) {
            throw new IllegalArgumentException("images have " + images.pixelsPerImage() + " inputs ("
                    + images.height() + "x" + images.width() + "x" + images.channels() + ") but the preprocessing expects "
                    + pre.pixels());
        }
        this.images = images;
        this.pixels = images.pixelStore();
        this.rows = images.size();
        this.stride = images.pixelsPerImage();
        this.pre = pre;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return pre.inputDim();
    }

    /** One byte of each 64-byte line of the rows, and their last byte. */
    @Override
    public int touch(int[] order, int from, int to) {
        byte[] px = pixels;
        int n = stride;
        int sum = 0;
        for (int r = from; r < to; r++) {
            int o = images.pixelOffset(order[r]);
            for (int k = 0; k < n; k += 64) {
                sum += px[o + k];
            }
            sum += px[o + n - 1];
        }
        return sum;
    }

    /** Bytes 0..255 through {@link Preprocessing#finiteOnBytes}: checked once, from the scale and the mean. */
    @Override
    public boolean finiteByConstruction() {
        return pre.finiteOnBytes();
    }

    @Override
    public void copyRow(int i, float[] out) {
        pre.apply(pixels, images.pixelOffset(i), out);
    }
}
