package dev.slope.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.TestRuns;
import dev.slope.data.ImageData;
import dev.slope.data.ImageSet;
import dev.slope.eval.Evaluation;
import dev.slope.io.ModelFile;
import dev.slope.model.LinearModel;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A pipeline of features: computed once, standardized on the training split, saved in the model. */
class FeaturePipelineTest {
    static ImageData data;
    static TrainConfig config;
    static Splits splits;

    @BeforeAll
    static void prepare() {
        data = TestRuns.shipped();
        config = TrainConfig.builder().parse("features", "hog,pixels").parse("hog_cell", "4").set(Settings.EPOCHS, 3)
                .build();
        splits = Splits.prepare(TestRuns.source(data.train().head(2000)), data.train().head(2000), data.test().head(500),
                config.pipelineSpec(), config.valFraction(), config.seed());
    }

    @Test
    void theRowsAreTheFeaturesStandardizedOnTheTrainingSplitWithTheBiasAppended() {
        Pipeline p = splits.pipeline();
        assertTrue(p.computesFeatures());
        int hog = new dev.slope.features.Hog(4, 2, 9, dev.slope.features.Hog.Norm.L2HYS).dim(28, 28, 1);
        assertEquals(hog + 784 + 1, p.inputDim());
        Dataset train = splits.train();
        int d = train.dim();
        float[] row = new float[d];
        double[] sum = new double[d];
        for (int i = 0; i < train.size(); i++) {
            train.rows().copyRow(i, row);
            assertEquals(1f, row[d - 1], "the bias trick's 1");
            for (int j = 0; j < d; j++) {
                sum[j] += row[j];
            }
        }
        for (int j = 0; j < d - 1; j++) {
            assertEquals(0, sum[j] / train.size(), 1e-3, "feature " + j + " is centred on the training split");
        }
        // the validation rows use the training split's standardizer, so they are not exactly centred
        assertTrue(splits.validation().pipeline() == p);
    }

    @Test
    void oneImageGivesItsDatasetRow() {
        ImageSet test = data.test().head(5);
        Dataset rows = TestRuns.rows(splits.pipeline(), test);
        float[] row = new float[rows.dim()];
        for (int i = 0; i < test.size(); i++) {
            rows.rows().copyRow(i, row);
            byte[] image = Arrays.copyOfRange(test.pixelBuffer(), i * 784, (i + 1) * 784);
            assertArrayEquals(row, splits.pipeline().row(image), 0f);
        }
    }

    @Test
    void aModelOnFeaturesSavesItsPipelineAndPredictsRawImages() throws Exception {
        GradientTrainer.Result r = new GradientTrainer(config, TestRuns.ENGINE).train(splits.train(), splits.validation());
        LinearModel back = ModelFile.decode(Path.of("hog.slope"), ModelFile.encode(r.model()));
        assertEquals(r.model().pipeline(), back.pipeline());
        double before = Evaluation.of(r.model(), splits.test(), TestRuns.ENGINE).accuracy();
        double after = Evaluation.of(back, TestRuns.rows(back.pipeline(), data.test().head(500)), TestRuns.ENGINE)
                .accuracy();
        assertEquals(before, after, 0);
        assertTrue(after > 0.75, "HOG and pixels learn: " + after);
        ImageSet colour = new ImageSet(new byte[2 * 32 * 32 * 3], new int[2], 32, 32, 3, data.train().classNames());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestRuns.rows(back.pipeline(), colour));
        assertEquals("the model takes 28x28x1 images but these are 32x32x3", e.getMessage());
    }

    @Test
    void badFeatureSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.builder().parse("features", "hog,sift"));
        assertTrue(dev.slope.FieldNames.FLAGS.messageOf(e).contains("--features must be a comma-separated list of pixels, hog"), e.getMessage());
        TrainConfig big = TrainConfig.builder().parse("features", "hog").parse("hog_cell", "16").build();
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> Splits.prepare(
                TestRuns.source(data.train().head(50)), data.train().head(50), data.test().head(5), big.pipelineSpec(),
                0.1, 1));
        assertTrue(small.getMessage().contains("needs images of at least 32x32 pixels; these are 28x28"), small.getMessage());
        assertTrue(!TrainConfig.DEFAULTS.applicableJson().containsKey("hog_cell"), "HOG settings apply only with hog");
        assertTrue(big.applicableJson().containsKey("hog_cell"));
    }
}
