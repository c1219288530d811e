package dev.slope.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slope.Tolerances;
import dev.slope.data.ImageSet;
import dev.slope.linalg.BatchEngine;
import dev.slope.loss.MulticlassSvm;
import dev.slope.model.Parameters;
import dev.slope.preprocess.PixelRows;
import dev.slope.preprocess.Preprocessing;
import dev.slope.regularize.Regularizers;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** W·x + b with a separate b equals [W b]·[x 1] with the bias folded in: same loss, same gradient. */
class BiasTrickTest {

    @Test
    void foldedAndSeparateBiasAgree() {
        SplittableRandom r = Tolerances.random(13);
        ImageSet images = FusedPassTest.randomImages(400, 4, 4, 3, 5, r);
        Preprocessing separate = Preprocessing.fit(images, 1f / 255, true, false);
        Preprocessing folded = Preprocessing.fit(images, 1f / 255, true, true);
        int p = images.pixelsPerImage();
        assertEquals(p + 1, folded.inputDim());
        Parameters withB = FusedPassTest.randomParameters(5, p, true, r);
        float[] w = new float[5 * (p + 1)];
        for (int c = 0; c < 5; c++) {
            System.arraycopy(withB.w(), c * p, w, c * (p + 1), p);
            w[c * (p + 1) + p] = withB.b()[c];
        }
        Parameters foldedP = new Parameters(5, p + 1, w, new float[0], true);
        Objective objective = new Objective(new MulticlassSvm(), new Regularizers.L2(), 0.1, false);
        Parameters g1 = Parameters.zeros(5, p, true, false);
        Parameters g2 = Parameters.zeros(5, p + 1, false, true);
        try (BatchEngine engine = new BatchEngine(2)) {
            double l1 = objective.valueAndGradient(new FusedPass(engine, new PixelRows(images, separate), images.labels()),
                    withB, null, 0, 400, g1).total();
            double l2 = objective.valueAndGradient(new FusedPass(engine, new PixelRows(images, folded), images.labels()),
                    foldedP, null, 0, 400, g2).total();
            assertEquals(l1, l2, 1e-5 * l1);
        }
        float[] gb = new float[5];
        for (int c = 0; c < 5; c++) {
            float[] row1 = java.util.Arrays.copyOfRange(g1.w(), c * p, (c + 1) * p);
            float[] row2 = java.util.Arrays.copyOfRange(g2.w(), c * (p + 1), c * (p + 1) + p);
            assertArrayEquals(row1, row2, 1e-5f);
            gb[c] = g2.w()[c * (p + 1) + p];
        }
        assertArrayEquals(g1.b(), gb, 1e-5f);
    }

    @Test
    void cifarShapedImagesGive3073Inputs() {
        ImageSet cifar = FusedPassTest.randomImages(3, 32, 32, 3, 10, Tolerances.random(1));
        assertEquals(3073, Preprocessing.fit(cifar, 1f / 255, true, true).inputDim());
        assertEquals(3072, Preprocessing.fit(cifar, 1f / 255, true, false).inputDim());
    }
}
