package dev.slope.data;

import dev.slope.linalg.Checks;
import java.util.Arrays;
import java.util.List;

/**
 * Labelled images kept as compact unsigned bytes: {@code pixels[(i*H + r)*W*C + c*C + k]} is channel k
 * of pixel (r, c) of image i (N×H×W×C, row-major, channels last). Immutable: the arrays are owned
 * by the set and never handed out for writing.
 */
public final class ImageSet {
    private final byte[] pixels;
    private final int[] labels;
    private final int height;
    private final int width;
    private final int channels;
    private final List<String> classNames;

    /**
     * @param pixels     N×H×W×C unsigned bytes; owned by the new set (not copied)
     * @param labels     N labels in 0..classNames.size()-1; owned by the new set
     * @param classNames one name per class, in label order
     */
    public ImageSet(byte[] pixels, int[] labels, int height, int width, int channels, List<String> classNames) {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("image shape must be positive, got " + height + "x" + width + "x" + channels);
        }
        long perImage = (long) height * width * channels;
        if ((long) labels.length * perImage != pixels.length) {
            throw new IllegalArgumentException(labels.length + " labels need " + labels.length * perImage
                    + " pixel bytes of " + height + "x" + width + "x" + channels + " images, got " + pixels.length);
        }
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("an image set needs at least one class name");
        }
        for (int i = 0; i < labels.length; i++) {
            Checks.requireLabel(labels[i], classNames.size(), i);
        }
        this.pixels = pixels;
        this.labels = labels;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.classNames = List.copyOf(classNames);
    }

    public int size() {
        return labels.length;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int channels() {
        return channels;
    }

    /** H·W·C, the number of raw inputs per image. */
    public int pixelsPerImage() {
        return height * width * channels;
    }

    public int classCount() {
        return classNames.size();
    }

    public List<String> classNames() {
        return classNames;
    }

    public int label(int image) {
        return labels[image];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** The pixel buffer itself, N×H×W×C. Read only: callers must not write to it. */
    public byte[] pixelBuffer() {
        return pixels;
    }

    /** Value 0..255 of raw input k (0 ≤ k &lt; H·W·C) of an image. */
    public int pixel(int image, int k) {
        return pixels[image * pixelsPerImage() + k] & 0xFF;
    }

    /** A new set holding the given images, in the given order (copied once). */
    public ImageSet select(int[] indices) {
        int per = pixelsPerImage();
        byte[] p = new byte[indices.length * per];
        int[] l = new int[indices.length];
        for (int n = 0; n < indices.length; n++) {
            System.arraycopy(pixels, indices[n] * per, p, n * per, per);
            l[n] = labels[indices[n]];
        }
        return new ImageSet(p, l, height, width, channels, classNames);
    }

    /** The first {@code n} images (or all, if there are fewer). */
    public ImageSet head(int n) {
        int k = Math.min(n, size());
        int[] idx = new int[k];
        Arrays.setAll(idx, i -> i);
        return select(idx);
    }

    /** How many images each class has. */
    public int[] classCounts() {
        int[] counts = new int[classCount()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** "12000 images of 28x28x1, 10 classes". */
    public String describe() {
        return size() + " images of " + height + "x" + width + "x" + channels + ", " + classCount() + " classes";
    }
}
