package dev.slope;

import dev.slope.data.ImageSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Images made for tests whose point is size or length, not realism; other modules' tests use them too. */
public final class Synthetic {
    private Synthetic() {
    }

    /**
     * {@code n} images of {@code h x w x c} pixels in {@code classes} classes (named "0", "1", ...): an image of class k
     * is brighter (150 against 100, noise of 40) in the k-th band of rows, so a linear classifier learns them well.
     */
    public static ImageSet bands(int n, int h, int w, int c, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int d = h * w * c;
        byte[] pixels = new byte[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(classes);
            for (int j = 0; j < d; j++) {
                int band = j / (w * c) * classes / h;
                int mean = band == labels[i] ? 150 : 100;
                pixels[i * d + j] = (byte) Math.max(0, Math.min(255, mean + (int) (r.nextGaussian() * 40)));
            }
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add(Integer.toString(k));
        }
        return new ImageSet(pixels, labels, h, w, c, names);
    }

    /** Heap in use after full collections (the least of three): what stays reachable. */
    public static long retainedHeap() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
