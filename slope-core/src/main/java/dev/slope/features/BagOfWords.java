package dev.slope.features;

import dev.slope.InvalidValueException;
import dev.slope.data.ImageSet;
import dev.slope.linalg.BatchEngine;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A bag of visual words: each image cut into cells whose {@value #BINS}-bin orientation histograms (HOG cells,
 * L2-normalized) are the local descriptors; a codebook of {@code words} descriptors found by {@link KMeans}
 * on the training images; each image then becomes the histogram of its cells' codewords, summing to 1.
 * Hard assignment counts each cell for its nearest word; soft assignment spreads it over all words with
 * weights exp(−d²/2σ²), σ² being the training descriptors' mean squared distance to their nearest word.
 *
 * <p>Made unfitted from the settings, then {@link #fit fitted} on the training split; only a fitted bag
 * computes. Immutable and thread-safe.
 */
public final class BagOfWords implements Feature {
    /** Orientation bins of a cell's descriptor, as the lecture's HOG. */
    public static final int BINS = 9;
    /** Training images whose cells the codebook is fitted on, at most (evenly spaced through the split). */
    public static final int SAMPLE_IMAGES = 2000;
    /** Lloyd iterations of the codebook, at most. */
    public static final int ITERATIONS = 30;

    /** How a cell's descriptor counts in the image's histogram. */
    public enum Assign { HARD, SOFT }

    private final int words;
    private final int cell;
    private final Assign assign;
    private final long seed;
    private final float[] codebook;
    private final float sigma2;
    private final Hog cells;

    /** An unfitted bag: its settings and the seed its codebook will be drawn with. */
    public BagOfWords(int words, int cell, Assign assign, long seed) {
        this(words, cell, assign, seed, null, 0);
    }

    /**
     * A bag with its codebook.
     *
     * @param codebook words×{@value #BINS} descriptors, row-major; null when not fitted yet
     * @param sigma2   the soft assignment's σ², above 0 when fitted
     */
    public BagOfWords(int words, int cell, Assign assign, long seed, float[] codebook, float sigma2) {
        if (words < 1) {
            throw new InvalidValueException(n -> n.name("bow_words") + " must be at least 1, got " + words);
        }
        if (cell < 1) {
            throw new InvalidValueException(n -> n.name("bow_cell") + " must be at least 1, got " + cell);
        }
        if (codebook != null && (codebook.length != words * BINS || !(sigma2 > 0))) {
            throw new IllegalArgumentException("a codebook of " + words + " words holds " + words * BINS
                    + " values and a σ² above 0, got " + codebook.length + " and " + sigma2);
        }
        this.words = words;
        this.cell = cell;
        this.assign = Objects.requireNonNull(assign);
        this.seed = seed;
        this.codebook = codebook == null ? null : codebook.clone();
        this.sigma2 = sigma2;
        this.cells = new Hog(cell, 1, BINS, Hog.Norm.NONE);
    }

    @Override
    public String name() {
        return "bow";
    }

    @Override
    public int dim(int height, int width, int channels) {
        cellDim(height, width, channels);
        return words;
    }

    /** The length of one image's cell histograms; names a cell larger than the image. */
    private int cellDim(int height, int width, int channels) {
        if (cell > height || cell > width) {
            throw new InvalidValueException(n -> n.name("bow_cell") + " " + cell + " is larger than the " + height + "x" + width
                    + " images; give a cell of at most " + Math.min(height, width) + " pixels");
        }
        return cells.dim(height, width, channels);
    }

    public int words() {
        return words;
    }

    public int cell() {
        return cell;
    }

    public Assign assign() {
        return assign;
    }

    public long seed() {
        return seed;
    }

    public boolean fitted() {
        return codebook != null;
    }

    /** The codebook (a copy), words×{@value #BINS}; null before fitting. */
    public float[] codebook() {
        return codebook == null ? null : codebook.clone();
    }

    public float sigma2() {
        return sigma2;
    }

    /**
     * This bag with a codebook fitted on the cells of (at most {@value #SAMPLE_IMAGES} of) the training images; itself
     * when already fitted.
     */
    @Override
    public BagOfWords fit(ImageSet train, BatchEngine engine) {
        if (fitted()) {
            return this;
        }
        int n = Math.min(train.size(), SAMPLE_IMAGES);
        if (n == 0) {
            throw new IllegalArgumentException("a bag of visual words needs training images to fit its codebook on");
        }
        int per = cellDim(train.height(), train.width(), train.channels());
        float[] descriptors = new float[Math.multiplyExact(n, per)];
        for (int s = 0; s < n; s++) {
            int i = (int) ((long) s * train.size() / n);
            descriptors(train.pixelStore(), train.pixelOffset(i), train.height(), train.width(), train.channels(),
                    descriptors, s * per);
        }
        int count = n * (per / BINS);
        if (words > count) {
            throw new InvalidValueException(names -> names.name("bow_words") + " " + words + " is more than the " + count
                    + " cells to fit the codebook on; give fewer words or a smaller " + names.name("bow_cell"));
        }
        KMeans.Result km = KMeans.fit(descriptors, count, BINS, words, ITERATIONS, seed, engine);
        return new BagOfWords(words, cell, assign, seed, km.centres(), (float) Math.max(km.inertia() / count, 1e-6));
    }

    /** The L2-normalized cell histograms of one image, cell after cell. */
    private void descriptors(byte[] image, int offset, int height, int width, int channels, float[] out, int outOffset) {
        cells.compute(image, offset, height, width, channels, out, outOffset);
        int per = cells.dim(height, width, channels);
        for (int o = outOffset; o < outOffset + per; o += BINS) {
            double sq = 0;
            for (int b = 0; b < BINS; b++) {
                sq += out[o + b] * out[o + b];
            }
            float inv = (float) (1 / Math.sqrt(sq + 1e-12));
            for (int b = 0; b < BINS; b++) {
                out[o + b] *= inv;
            }
        }
    }

    @Override
    public void compute(byte[] image, int offset, int height, int width, int channels, float[] out, int outOffset) {
        if (codebook == null) {
            throw new IllegalStateException("a bag of visual words computes only once its codebook is fitted");
        }
        int per = cells.dim(height, width, channels);
        float[] d = new float[per];
        descriptors(image, offset, height, width, channels, d, 0);
        int cellCount = per / BINS;
        Arrays.fill(out, outOffset, outOffset + words, 0f);
        double[] weight = new double[words];
        double[] nearest = new double[1];
        for (int c = 0; c < cellCount; c++) {
            int best = KMeans.nearest(codebook, words, BINS, d, c * BINS, nearest);
            if (assign == Assign.HARD) {
                out[outOffset + best] += 1f / cellCount;
                continue;
            }
            double total = 0;
            for (int j = 0; j < words; j++) {
                // measured from the nearest word, so the largest weight is 1 and nothing underflows to 0/0
                weight[j] = Math.exp(-(KMeans.squaredDistance(d, c * BINS, codebook, j * BINS, BINS) - nearest[0])
                        / (2 * sigma2));
                total += weight[j];
            }
            for (int j = 0; j < words; j++) {
                out[outOffset + j] += (float) (weight[j] / total / cellCount);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BagOfWords b && words == b.words && cell == b.cell && assign == b.assign && seed == b.seed
                && Arrays.equals(codebook, b.codebook) && Float.compare(sigma2, b.sigma2) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(words, cell, assign, seed, Arrays.hashCode(codebook), sigma2);
    }

    /** The codebook, then σ², when fitted. */
    @Override
    public float[] fittedState() {
        if (!fitted()) {
            return new float[0];
        }
        float[] state = Arrays.copyOf(codebook, codebook.length + 1);
        state[codebook.length] = sigma2;
        return state;
    }

    @Override
    public String toString() {
        return "BagOfWords[" + words + " words, " + cell + "px cells, " + assign.name().toLowerCase(Locale.ROOT)
                + (fitted() ? "" : ", not fitted") + "]";
    }
}
