package dev.slope.data;

import java.util.SplittableRandom;

/**
 * A seeded split of a training set into the images used to fit and the images held out for validation.
 *
 * @param train      the images to fit on
 * @param validation the held-out images (may be empty when the fraction is 0)
 */
public record Split(ImageSet train, ImageSet validation) {

    /**
     * Shuffles the indices with the seed (Fisher–Yates) and holds out the first {@code fraction} of them.
     *
     * @param fraction in [0, 1); the share of images held out for validation
     */
    public static Split holdOut(ImageSet all, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("the validation fraction must be in [0, 1), got " + fraction);
        }
        int n = all.size();
        int[] order = permutation(n, new SplittableRandom(seed));
        int held = (int) Math.round(n * fraction);
        int[] val = new int[held];
        int[] fit = new int[n - held];
        System.arraycopy(order, 0, val, 0, held);
        System.arraycopy(order, held, fit, 0, n - held);
        java.util.Arrays.sort(val);
        java.util.Arrays.sort(fit);
        return new Split(all.select(fit), all.select(val));
    }

    /** A random permutation of 0..n-1 (Fisher–Yates). */
    public static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, random);
        return order;
    }

    /** Shuffles in place (Fisher–Yates). */
    public static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
