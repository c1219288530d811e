package dev.slope.data;

import dev.slope.InvalidValueException;
import dev.slope.linalg.Randoms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        if (Math.round(n * fraction) == 0) {
            return new Split(all, all.head(0)); // nothing held out: the images as they are, not a copy
        }
        int[] order = Randoms.permutation(n, new SplittableRandom(seed));
        int held = (int) Math.round(n * fraction);
        int[] val = Arrays.copyOfRange(order, 0, held);
        int[] fit = Arrays.copyOfRange(order, held, n);
        Arrays.sort(val);
        Arrays.sort(fit);
        return new Split(all.select(fit), all.select(val));
    }

    /**
     * k-fold cross-validation: the images shuffled once with the seed and cut into k contiguous folds;
     * split f holds out fold f and fits on the others (in shuffled order).
     *
     * @param k at least 2, at most the number of images
     */
    public static List<Split> kFold(ImageSet all, int k, long seed) {
        int n = all.size();
        if (k < 2 || k > n) {
            throw new InvalidValueException(names -> names.name("folds") + " must be between 2 and the number of images (" + n
                    + "), got " + k);
        }
        int[] order = Randoms.permutation(n, new SplittableRandom(seed));
        List<Split> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int from = (int) ((long) n * f / k);
            int to = (int) ((long) n * (f + 1) / k);
            int[] val = Arrays.copyOfRange(order, from, to);
            int[] fit = new int[n - val.length];
            System.arraycopy(order, 0, fit, 0, from);
            System.arraycopy(order, to, fit, from, n - to);
            folds.add(new Split(all.select(fit), all.select(val)));
        }
        return folds;
    }
}
