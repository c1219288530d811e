package dev.slope.spark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.slope.cli.Main;
import dev.slope.data.ImageData;
import dev.slope.data.ImageSet;
import dev.slope.io.ModelFile;
import dev.slope.spark.LocalSpark;
import dev.slope.spark.SparkFrames;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slope as a Spark ML stage (local[2], the shipped Fashion-MNIST subset: 12,000 training and 2,000 test images): in a
 * Pipeline after MLlib's feature stages, tuned by CrossValidator, saved and loaded, and scoring as slope evaluate does.
 */
class SlopeClassifierTest {
    static SparkSession spark;
    static ImageData data;
    static Dataset<Row> trainPixels;
    static Dataset<Row> testPixels;

    @BeforeAll
    static void start() {
        System.setProperty("slope.home", Path.of("..").toAbsolutePath().normalize().toString());
        spark = LocalSpark.session();
        data = LocalSpark.shipped();
        trainPixels = SparkFrames.of(spark, data.train(), 2);
        testPixels = SparkFrames.of(spark, data.test(), 2);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The images as MLlib users hold them: a class name and an ML Vector of the raw pixel values. */
    static Dataset<Row> named(ImageSet images) {
        int per = images.pixelsPerImage();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            double[] x = new double[per];
            for (int k = 0; k < per; k++) {
                x[k] = images.pixelBuffer()[i * per + k] & 0xFF;
            }
            rows.add(RowFactory.create(images.classNames().get(images.label(i)), Vectors.dense(x)));
        }
        StructType schema = new StructType(new StructField[] {
            new StructField("name", DataTypes.StringType, false, Metadata.empty()),
            new StructField("raw", new VectorUDT(), false, Metadata.empty())});
        return spark.createDataFrame(rows, schema).repartition(2);
    }

    static double accuracy(Dataset<Row> scored) {
        return new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(scored);
    }

    /**
     * The README's program: StringIndexer, VectorAssembler, StandardScaler, then Slope, fitted as one Pipeline; the
     * model names its classes as the indexer did; saved and loaded, the pipeline predicts the same.
     */
    @Test
    void slopeIsAStageOfAPipelineAfterMllibsFeatureStages(@TempDir Path dir) throws Exception {
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new StringIndexer().setInputCol("name").setOutputCol("label"),
            new VectorAssembler().setInputCols(new String[] {"raw"}).setOutputCol("assembled"),
            new StandardScaler().setInputCol("assembled").setOutputCol("features"),
            new SlopeClassifier().setEpochs(5).setSeed(7)});
        PipelineModel model = pipeline.fit(named(data.train()));
        Dataset<Row> scored = model.transform(named(data.test()));
        double accuracy = accuracy(scored);
        assertTrue(accuracy > 0.78, "a pipeline on standardized pixels learns: " + accuracy);

        SlopeClassificationModel slope = (SlopeClassificationModel) model.stages()[3];
        StringIndexerModel indexer = (StringIndexerModel) model.stages()[0];
        assertEquals(Arrays.asList(indexer.labelsArray()[0]), slope.slopeModel().classNames());
        assertEquals(784, slope.numFeatures());
        assertEquals(1.0, slope.getPixelScale(), "numbers are taken as they are unless pixelScale is set");
        assertTrue(scored.columns().length == 8 && scored.schema().apply("probability").dataType() instanceof VectorUDT,
                Arrays.toString(scored.columns()));

        String saved = dir.resolve("pipeline").toString();
        model.write().overwrite().save(saved);
        PipelineModel loaded = PipelineModel.load(saved);
        assertEquals(predictions(scored), predictions(loaded.transform(named(data.test()))));
    }

    /**
     * CrossValidator over reg and lr picks the setting with the best mean accuracy over the folds, and refits it; a
     * grid value outside a setting's range is refused by the Param itself.
     */
    @Test
    void crossValidatorTunesRegAndLr() {
        SlopeClassifier slope = new SlopeClassifier().setEpochs(3).setValFraction(0);
        ParamMap[] grid = new ParamGridBuilder().addGrid(slope.reg(), new double[] {1e-4, 0.5})
                .addGrid(slope.lr(), new double[] {0.01, 1.0}).build();
        MulticlassClassificationEvaluator evaluator = new MulticlassClassificationEvaluator().setMetricName("accuracy");
        CrossValidatorModel cv = new CrossValidator().setEstimator(slope).setEstimatorParamMaps(grid)
                .setEvaluator(evaluator).setNumFolds(2).setSeed(3).fit(trainPixels);
        double[] metrics = cv.avgMetrics();
        assertEquals(4, metrics.length);
        int best = 0;
        for (int i = 1; i < metrics.length; i++) {
            best = metrics[i] > metrics[best] ? i : best;
        }
        SlopeClassificationModel chosen = (SlopeClassificationModel) cv.bestModel();
        assertEquals((double) grid[best].apply(slope.reg()), chosen.getReg());
        assertEquals((double) grid[best].apply(slope.lr()), chosen.getLr());
        assertEquals(1e-4, chosen.getReg(), "the weak penalty wins: " + Arrays.toString(metrics));
        assertTrue(metrics[best] - Arrays.stream(metrics).min().orElseThrow() > 0.05, Arrays.toString(metrics));
        double test = accuracy(chosen.transform(testPixels));
        assertTrue(test > 0.78, "the refitted best model: " + test);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ParamGridBuilder().addGrid(slope.reg(), new double[] {-1}).build()[0].apply(slope.reg()));
        assertTrue(e.getMessage().contains("reg") && e.getMessage().contains("-1"), e.getMessage());
    }

    /**
     * A model trained on a frame of pixels scores the test images exactly as slope evaluate does with its model file:
     * the same confusion matrix, image for image; saved and loaded as a Spark stage it gives the same scores.
     */
    @Test
    void theModelPredictsAsSlopeEvaluateAndSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        SlopeClassifier slope = new SlopeClassifier().setEpochs(4).setSeed(5);
        SlopeClassificationModel model = slope.fit(trainPixels);
        assertEquals(data.train().classNames(), model.slopeModel().classNames());
        assertEquals("28x28x1", model.slopeModel().pipeline().imageShape());
        assertArrayEquals(model.slopeModel().parameters().w(), slope.fit(trainPixels).slopeModel().parameters().w(),
                "the same seed on the same partitions: the same validation split, the same model");
        Dataset<Row> scored = model.transform(testPixels);
        List<Row> rows = scored.select("label", "prediction").collectAsList();
        int[][] confusion = new int[10][10];
        for (Row r : rows) {
            confusion[r.getInt(0)][(int) r.getDouble(1)]++;
        }

        Path file = dir.resolve("model.slope");
        ModelFile.save(model.slopeModel(), file);
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "evaluate", "--model",
                file.toString(), "--data", "fashion-mnist-small", "--json");
        assertEquals(0, code, out.toString());
        JsonArray matrix = JsonParser.parseString(out.toString()).getAsJsonObject().getAsJsonArray("confusion_matrix");
        for (int a = 0; a < 10; a++) {
            for (int c = 0; c < 10; c++) {
                assertEquals(matrix.get(a).getAsJsonArray().get(c).getAsInt(), confusion[a][c], "[" + a + "][" + c + "]");
            }
        }

        String saved = dir.resolve("stage").toString();
        model.write().overwrite().save(saved);
        SlopeClassificationModel loaded = SlopeClassificationModel.load(saved);
        assertEquals(model.uid(), loaded.uid());
        assertEquals(4, loaded.getEpochs());
        assertEquals(5L, loaded.getSeed());
        assertArrayEquals(model.slopeModel().parameters().w(), loaded.slopeModel().parameters().w());
        assertEquals(scores(scored), scores(loaded.transform(testPixels)));

        slope.write().overwrite().save(dir.resolve("estimator").toString());
        SlopeClassifier again = SlopeClassifier.load(dir.resolve("estimator").toString());
        assertEquals(slope.uid(), again.uid());
        assertEquals(4, again.getEpochs());
        assertTrue(!again.isSet(again.reg()), "a Param left unset stays unset (Slope's default rule)");
    }

    /** Unset Params follow Slope's rules; bad values and columns are refused with what to do, in Params' names. */
    @Test
    void paramsFollowTheSettingsTableAndRefuseBadInput() {
        SlopeClassifier slope = new SlopeClassifier();
        assertEquals(200, slope.getBatchSize());
        double lr200 = slope.getLr();
        assertNotEquals(lr200, slope.setBatchSize(1).getLr(), "the default rate follows the batch size");
        assertTrue(slope.explainParams().contains("batchSize"), "explainParams lists the table's settings");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> slope.setReg(-1));
        assertEquals("reg must be a finite number >= 0, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> slope.setLoss("hinge"));
        assertTrue(e.getMessage().startsWith("loss 'hinge' is not one of"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> slope.setImageShape("28 by 28"));
        assertTrue(e.getMessage().contains("HxWxC"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> new SlopeClassifier().setFeaturesCol("pixels")
                .fit(trainPixels));
        assertEquals("the frame has no features column 'pixels'; its columns are [label, features] (featuresCol names"
                + " it)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SlopeClassifier().setFeaturesCol("label")
                .fit(trainPixels));
        assertTrue(e.getMessage().contains("the features column 'label' is int"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SlopeClassifier().setPatience(2).setValFraction(0)
                .fit(trainPixels));
        assertEquals("patience 2 stops on the validation rows, but valFraction is 0: hold some out", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SlopeClassifier().setFeatures("hog").fit(trainPixels));
        assertTrue(e.getMessage().startsWith("features on frames is pixels"), e.getMessage());
    }

    private static List<Double> predictions(Dataset<Row> scored) {
        return scored.select("prediction").collectAsList().stream().map(r -> r.getDouble(0)).toList();
    }

    private static List<List<Double>> scores(Dataset<Row> scored) {
        return scored.select("rawPrediction").collectAsList().stream()
                .map(r -> Arrays.stream(((Vector) r.get(0)).toArray()).boxed().toList()).toList();
    }
}
