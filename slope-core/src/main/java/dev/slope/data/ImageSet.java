package dev.slope.data;

import dev.slope.linalg.Checks;
import java.util.Arrays;
import java.util.List;

/**
 * Labelled images kept as compact unsigned bytes: image i's H×W×C values start at {@code pixelOffset(i)} in
 * {@link #pixelStore()}, and {@code pixelStore()[pixelOffset(i) + r*W*C + c*C + k]} is channel k of its pixel (r, c)
 * (row-major, channels last). A set read from files holds its images one after the other; a {@link #select selection}
 * (a split's part, a fold, a head) shares its parent's store and lists where its images are, so splitting copies no
 * pixels (a fresh 47 MB array costs about 0.1 s of page faults here). Immutable: the arrays are owned by the set and
 * never handed out for writing.
 */
public final class ImageSet {
    private final byte[] pixels;
    /** Where image i lives in {@code pixels}: at {@code index[i]} images from the start; null for image i at i. */
    private final int[] index;
    /** {@link #pixelBuffer()} of a selection, made on its first call. */
    private volatile byte[] contiguous;
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
        this.index = null;
        this.labels = labels;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.classNames = List.copyOf(classNames);
    }

    /**
     * N images of uniform random pixels (0..255) with uniform labels over classes named "class 0", "class 1", …, drawn
     * from {@code r} in that order (every pixel, then every label): synthetic input for warm-ups and benchmarks.
     */
    public static ImageSet uniform(int n, int height, int width, int channels, int classes,
                                   java.util.SplittableRandom r) {
        byte[] pixels = new byte[Math.multiplyExact(n, height * width * channels)];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = (byte) r.nextInt(256);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(classes);
        }
        List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class " + c);
        }
        return new ImageSet(pixels, labels, height, width, channels, names);
    }

    /** A selection of {@code parent}'s images: {@code index} and {@code labels} are owned by the new set. */
    private ImageSet(ImageSet parent, int[] index, int[] labels) {
        this.pixels = parent.pixels;
        this.index = index;
        this.labels = labels;
        this.height = parent.height;
        this.width = parent.width;
        this.channels = parent.channels;
        this.classNames = parent.classNames;
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

    /**
     * The images one after the other, N×H×W×C: the store itself for a set read from files, a copy made once (on the
     * first call) for a selection. Read only: callers must not write to it. Loops over the images read
     * {@link #pixelStore()} at {@link #pixelOffset} instead, which copies nothing.
     */
    public byte[] pixelBuffer() {
        if (index == null) {
            return pixels;
        }
        byte[] c = contiguous;
        if (c == null) {
            int per = pixelsPerImage();
            c = new byte[Math.multiplyExact(size(), per)];
            for (int i = 0; i < size(); i++) {
                System.arraycopy(pixels, pixelOffset(i), c, i * per, per);
            }
            contiguous = c;
        }
        return c;
    }

    /**
     * The array the images live in (shared with the sets this one was selected from or with): image i's H·W·C values
     * are {@code pixelStore()[pixelOffset(i) ..+ pixelsPerImage())}. Read only.
     */
    public byte[] pixelStore() {
        return pixels;
    }

    /** Where image {@code image} starts in {@link #pixelStore()}. */
    public int pixelOffset(int image) {
        return (index == null ? image : index[image]) * pixelsPerImage();
    }

    /** Feeds the images' pixels, in order, to {@code digest} (as {@code digest.update(pixelBuffer())} would, no copy). */
    public void digestPixels(java.security.MessageDigest digest) {
        if (index == null) {
            digest.update(pixels, 0, size() * pixelsPerImage());
            return;
        }
        int per = pixelsPerImage();
        for (int i = 0; i < size(); i++) {
            digest.update(pixels, pixelOffset(i), per);
        }
    }

    /** A copy of one image's H·W·C bytes. */
    public byte[] image(int image) {
        int o = pixelOffset(image);
        return java.util.Arrays.copyOfRange(pixels, o, o + pixelsPerImage());
    }

    /** Value 0..255 of raw input k (0 ≤ k &lt; H·W·C) of an image. */
    public int pixel(int image, int k) {
        return pixels[pixelOffset(image) + k] & 0xFF;
    }

    /**
     * A set of the given images, in the given order: it shares this set's pixel store (no pixel is copied) and keeps
     * it alive; its labels are its own.
     */
    public ImageSet select(int[] indices) {
        int[] at = new int[indices.length];
        int[] l = new int[indices.length];
        for (int n = 0; n < indices.length; n++) {
            int i = indices[n];
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException("image " + i + " of a set of " + size());
            }
            at[n] = index == null ? i : index[i];
            l[n] = labels[i];
        }
        return new ImageSet(this, at, l);
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
