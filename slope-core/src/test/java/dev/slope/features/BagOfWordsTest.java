package dev.slope.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.TestRuns;
import dev.slope.data.ImageSet;
import dev.slope.eval.Evaluation;
import dev.slope.io.ModelFile;
import dev.slope.model.LinearModel;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Splits;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BagOfWordsTest {
    static final ImageSet TRAIN = TestRuns.shipped().train().head(600);

    static float[] of(Feature f, ImageSet images, int i) {
        float[] out = new float[f.dim(images.height(), images.width(), images.channels())];
        f.compute(images.pixelBuffer(), i * images.pixelsPerImage(), images.height(), images.width(), images.channels(),
                out, 0);
        return out;
    }

    /**
     * A synthetic set whose codebook is known: images that brighten left to right (every gradient at 0°, orientation
     * bin 0) and images that brighten top to bottom (every gradient at 90°, bin 4 of 9). Their cells' descriptors are
     * the unit vectors e0 and e4, so two words are exactly those two, and each image's hard histogram puts all its
     * cells on its own word.
     */
    @Test
    void twoKindsOfEdgeGiveAKnownCodebook() {
        int side = 16;
        int n = 12;
        byte[] px = new byte[n * side * side];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            int scale = 5 + i; // ramps of different slopes: the direction, not the contrast, makes the word
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    px[i * side * side + y * side + x] = (byte) (scale * (labels[i] == 0 ? x : y));
                }
            }
        }
        ImageSet ramps = new ImageSet(px, labels, side, side, 1, java.util.List.of("left to right", "top to bottom"));
        BagOfWords bag = new BagOfWords(2, 4, BagOfWords.Assign.HARD, 3).fit(ramps, TestRuns.ENGINE);
        float[] book = bag.codebook();
        float[] e0 = new float[9];
        float[] e4 = new float[9];
        e0[0] = 1;
        e4[4] = 1;
        int first = book[0] > 0.5f ? 0 : 1; // k-means may find them in either order
        assertArrayEquals(e0, java.util.Arrays.copyOfRange(book, first * 9, first * 9 + 9), 1e-6f, "the 0° word");
        assertArrayEquals(e4, java.util.Arrays.copyOfRange(book, (1 - first) * 9, (1 - first) * 9 + 9), 1e-6f,
                "the 90° word");
        for (int i = 0; i < n; i++) {
            float[] h = of(bag, ramps, i);
            int word = labels[i] == 0 ? first : 1 - first;
            assertEquals(1f, h[word], 1e-6f, "image " + i + ": every cell on its own word");
            assertEquals(0f, h[1 - word], 0f, "image " + i);
        }
    }

    /** Hard assignment: each of the 49 cells counts 1/49 for its nearest word, as a plain loop over the cells finds. */
    @Test
    void aHardHistogramCountsEachCellForItsNearestWord() {
        BagOfWords bag = new BagOfWords(20, 4, BagOfWords.Assign.HARD, 7).fit(TRAIN, TestRuns.ENGINE);
        assertEquals(20 * BagOfWords.BINS, bag.codebook().length);
        Hog cells = new Hog(4, 1, 9, Hog.Norm.NONE);
        for (int i = 0; i < 5; i++) {
            float[] d = of(cells, TRAIN, i);
            float[] expected = new float[20];
            for (int c = 0; c < 49; c++) {
                double norm = 0;
                for (int b = 0; b < 9; b++) {
                    norm += d[c * 9 + b] * d[c * 9 + b];
                }
                float[] unit = new float[9];
                for (int b = 0; b < 9; b++) {
                    unit[b] = (float) (d[c * 9 + b] / Math.sqrt(norm + 1e-12));
                }
                int best = 0;
                for (int j = 1; j < 20; j++) {
                    if (KMeans.squaredDistance(unit, 0, bag.codebook(), j * 9, 9)
                            < KMeans.squaredDistance(unit, 0, bag.codebook(), best * 9, 9)) {
                        best = j;
                    }
                }
                expected[best] += 1f / 49;
            }
            assertArrayEquals(expected, of(bag, TRAIN, i), 1e-6f, "image " + i);
        }
    }

    /** Soft assignment sums to 1 with every word weighted, and tends to the hard one as σ² goes to 0. */
    @Test
    void aSoftHistogramSpreadsEachCellAndSharpensToHard() {
        BagOfWords soft = new BagOfWords(20, 4, BagOfWords.Assign.SOFT, 7).fit(TRAIN, TestRuns.ENGINE);
        float[] h = of(soft, TRAIN, 0);
        double sum = 0;
        for (float v : h) {
            sum += v;
            assertTrue(v > 0, Arrays.toString(h));
        }
        assertEquals(1, sum, 1e-5);
        BagOfWords sharp = new BagOfWords(20, 4, BagOfWords.Assign.SOFT, 7, soft.codebook(), 1e-9f);
        BagOfWords hard = new BagOfWords(20, 4, BagOfWords.Assign.HARD, 7, soft.codebook(), soft.sigma2());
        assertArrayEquals(of(hard, TRAIN, 0), of(sharp, TRAIN, 0), 1e-5f);
    }

    /** The codebook is fitted on the training split by the pipeline, saved in the model file, and repeats by seed. */
    @Test
    void aModelOnABagOfWordsSavesItsCodebook() throws Exception {
        TrainConfig config = TrainConfig.builder().parse("features", "bow").parse("bow_words", "30")
                .set(Settings.EPOCHS, 3).build();
        Splits s = Splits.prepare(TestRuns.source(TRAIN), TRAIN, TestRuns.shipped().test().head(300),
                config.pipelineSpec(), config.valFraction(), config.seed());
        GradientTrainer.Result r = new GradientTrainer(config, TestRuns.ENGINE).train(s.train(), s.validation());
        LinearModel back = ModelFile.decode(Path.of("bow.slope"), ModelFile.encode(r.model()));
        assertEquals(r.model().pipeline(), back.pipeline());
        double before = Evaluation.of(r.model(), s.test(), TestRuns.ENGINE).accuracy();
        double after = Evaluation.of(back, TestRuns.rows(back.pipeline(), TestRuns.shipped().test().head(300)),
                TestRuns.ENGINE).accuracy();
        assertEquals(before, after, 0);
        assertTrue(after > 0.3, "30 words carry some of the class: " + after);
        assertTrue(back.pipeline().features().features().get(0) instanceof BagOfWords b && b.fitted() && b.words() == 30);
        BagOfWords bag = new BagOfWords(30, 4, BagOfWords.Assign.HARD, 7);
        assertEquals(bag.fit(TRAIN, TestRuns.ENGINE), bag.fit(TRAIN, TestRuns.ENGINE), "a seed gives the same codebook");
    }

    @Test
    void badSettingsAreNamed() {
        BagOfWords unfitted = new BagOfWords(5, 4, BagOfWords.Assign.HARD, 1);
        assertThrows(IllegalStateException.class, () -> of(unfitted, TRAIN, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BagOfWords(100, 4, BagOfWords.Assign.HARD, 1).fit(TRAIN.head(1), TestRuns.ENGINE));
        assertTrue(dev.slope.FieldNames.FLAGS.messageOf(e).contains("--bow-words 100 is more than the 49 cells"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BagOfWords(5, 40, BagOfWords.Assign.HARD, 1)
                .dim(28, 28, 1));
        assertTrue(dev.slope.FieldNames.FLAGS.messageOf(e).contains("--bow-cell 40 is larger than the 28x28 images"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BagOfWords(0, 4, BagOfWords.Assign.HARD, 1));
    }
}
