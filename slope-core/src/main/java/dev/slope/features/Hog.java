package dev.slope.features;

import dev.slope.InvalidValueException;

/**
 * Histograms of oriented gradients (Dalal and Triggs 2005), computed as scikit-image's {@code hog} computes
 * them, so the two agree on the same image:
 *
 * <ol>
 *   <li>grey values in [0, 1]: a grey image's value / 255, a colour image's 0.2125·R + 0.7154·G + 0.0721·B
 *       (scikit-image's {@code rgb2gray});</li>
 *   <li>gradients by central differences, {@code g_r = I[r+1, c] − I[r−1, c]} and {@code g_c = I[r, c+1] − I[r, c−1]},
 *       0 on the image's border rows and columns;</li>
 *   <li>unsigned orientation θ = atan2(g_r, g_c) in degrees modulo 180, and magnitude |g|;</li>
 *   <li>per cell of {@code cell}×{@code cell} pixels, each pixel's magnitude added to the bin of its orientation
 *       (bin b holds 180·b/bins ≤ θ &lt; 180·(b+1)/bins), divided by the cell's area; pixels beyond the last whole
 *       cell are left out;</li>
 *   <li>blocks of {@code block}×{@code block} cells, one per cell position, each normalized: none, L1
 *       ({@code v / (Σ|v| + ε)}) or L2-Hys ({@code v / √(Σv² + ε²)}, clipped at 0.2, then again), ε = 1e-5.</li>
 * </ol>
 *
 * The vector lists the blocks row by row, and within a block its cells row by row, each cell's bins in order.
 * With {@code block 1} and no normalization it is the lecture's simple variant: the cell histograms, so a
 * 320×240 image with 8×8 cells and 9 bins gives 40×30×9 = 10,800 numbers. Computed in double precision.
 *
 * @param cell  pixels per cell side
 * @param block cells per block side
 * @param bins  orientation bins over 0..180 degrees
 */
public record Hog(int cell, int block, int bins, Norm norm) implements Feature {
    static final double EPS = 1e-5;

    /** How each block is normalized. */
    public enum Norm { NONE, L1, L2HYS }

    public Hog {
        if (cell < 1 || block < 1 || bins < 1) {
            throw new InvalidValueException(n -> n.name("hog_cell") + ", " + n.name("hog_block") + " and " + n.name("hog_bins")
                    + " must be at least 1, got " + cell + ", " + block + ", " + bins);
        }
    }

    @Override
    public String name() {
        return "hog";
    }

    /** Cells along a side of {@code pixels}. */
    int cells(int pixels) {
        return pixels / cell;
    }

    @Override
    public int dim(int height, int width, int channels) {
        int rows = cells(height);
        int cols = cells(width);
        if (rows < block || cols < block) {
            throw new InvalidValueException(n -> "HOG with " + cell + "x" + cell + "-pixel cells in blocks of " + block + "x"
                    + block + " needs images of at least " + cell * block + "x" + cell * block + " pixels; these are "
                    + height + "x" + width + " (give a smaller " + n.name("hog_cell") + " or " + n.name("hog_block") + ")");
        }
        return (rows - block + 1) * (cols - block + 1) * block * block * bins;
    }

    @Override
    public void compute(byte[] image, int offset, int height, int width, int channels, float[] out, int outOffset) {
        double[] grey = grey(image, offset, height, width, channels);
        double[] hist = cellHistograms(grey, height, width);
        int rows = cells(height);
        int cols = cells(width);
        int n = 0;
        int blockLength = block * block * bins;
        double[] v = new double[blockLength];
        for (int br = 0; br + block <= rows; br++) {
            for (int bc = 0; bc + block <= cols; bc++) {
                int k = 0;
                for (int r = br; r < br + block; r++) {
                    for (int c = bc; c < bc + block; c++) {
                        System.arraycopy(hist, (r * cols + c) * bins, v, k, bins);
                        k += bins;
                    }
                }
                normalize(v);
                for (int j = 0; j < blockLength; j++) {
                    out[outOffset + n++] = (float) v[j];
                }
            }
        }
    }

    /** Grey values in [0, 1], as scikit-image's rgb2gray (colour) or the value / 255 (grey). */
    static double[] grey(byte[] image, int offset, int height, int width, int channels) {
        double[] g = new double[height * width];
        for (int p = 0; p < g.length; p++) {
            int o = offset + p * channels;
            if (channels >= 3) {
                g[p] = 0.2125 * ((image[o] & 0xFF) / 255.0) + 0.7154 * ((image[o + 1] & 0xFF) / 255.0)
                        + 0.0721 * ((image[o + 2] & 0xFF) / 255.0);
            } else {
                g[p] = (image[o] & 0xFF) / 255.0;
            }
        }
        return g;
    }

    /** Rows × cols cells × bins: each cell's magnitudes per orientation bin, divided by the cell's area. */
    double[] cellHistograms(double[] grey, int height, int width) {
        int rows = cells(height);
        int cols = cells(width);
        double[] hist = new double[rows * cols * bins];
        double binWidth = 180.0 / bins;
        for (int y = 0; y < rows * cell; y++) {
            for (int x = 0; x < cols * cell; x++) {
                double gr = y == 0 || y == height - 1 ? 0 : grey[(y + 1) * width + x] - grey[(y - 1) * width + x];
                double gc = x == 0 || x == width - 1 ? 0 : grey[y * width + x + 1] - grey[y * width + x - 1];
                double magnitude = Math.sqrt(gc * gc + gr * gr);
                double theta = Math.toDegrees(Math.atan2(gr, gc)) % 180;
                if (theta < 0) {
                    theta += 180; // numpy's % follows the divisor's sign
                }
                int b = bin(theta, binWidth);
                if (b >= 0) {
                    hist[((y / cell) * cols + x / cell) * bins + b] += magnitude;
                }
            }
        }
        double area = (double) cell * cell;
        for (int k = 0; k < hist.length; k++) {
            hist[k] /= area;
        }
        return hist;
    }

    /**
     * The bin of an orientation, as scikit-image decides it: bin i takes binWidth·i ≤ θ &lt; binWidth·(i+1),
     * both bounds computed as it computes them; −1 when no bin takes it (θ within rounding of 180).
     */
    int bin(double theta, double binWidth) {
        int guess = (int) (theta / binWidth);
        for (int i = Math.max(0, guess - 1); i <= Math.min(bins - 1, guess + 1); i++) {
            if (theta >= binWidth * i && theta < binWidth * (i + 1)) {
                return i;
            }
        }
        return -1;
    }

    private void normalize(double[] v) {
        switch (norm) {
            case NONE -> {
            }
            case L1 -> {
                double sum = 0;
                for (double x : v) {
                    sum += Math.abs(x);
                }
                for (int k = 0; k < v.length; k++) {
                    v[k] /= sum + EPS;
                }
            }
            case L2HYS -> {
                double sq = 0;
                for (double x : v) {
                    sq += x * x;
                }
                double f = Math.sqrt(sq + EPS * EPS);
                double sq2 = 0;
                for (int k = 0; k < v.length; k++) {
                    v[k] = Math.min(v[k] / f, 0.2);
                    sq2 += v[k] * v[k];
                }
                double f2 = Math.sqrt(sq2 + EPS * EPS);
                for (int k = 0; k < v.length; k++) {
                    v[k] /= f2;
                }
            }
            default -> throw new IllegalStateException(norm.toString());
        }
    }
}
