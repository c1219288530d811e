import dev.slope.data.Datasets;
import dev.slope.data.ImageData;
import dev.slope.spark.SparkFrames;
import dev.slope.spark.ml.SlopeClassifier;
import java.nio.file.Path;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Slope in a Spark ML Pipeline, tuned by CrossValidator, saved, loaded and scoring a DataFrame. Args: DATASET OUT. */
public class SparkPipeline {
    public static void main(String[] args) throws Exception {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("slope-pipeline").getOrCreate();
        ImageData images = Datasets.open(Datasets.resolve(args[0], Path.of(".")));
        Dataset<Row> train = SparkFrames.of(spark, images.train(), 2);  // label (int), features (uint8 pixels)
        Dataset<Row> test = SparkFrames.of(spark, images.test(), 2);

        SlopeClassifier slope = new SlopeClassifier().setLoss("softmax").setEpochs(5);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {slope});
        MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
        CrossValidatorModel cv = new CrossValidator().setEstimator(pipeline).setEvaluator(accuracy).setNumFolds(2)
                .setEstimatorParamMaps(new ParamGridBuilder().addGrid(slope.reg(), new double[] {1e-4, 1e-2})
                        .addGrid(slope.lr(), new double[] {0.1, 1.0}).build())
                .fit(train);

        ((PipelineModel) cv.bestModel()).write().overwrite().save(args[1]);
        PipelineModel loaded = PipelineModel.load(args[1]);
        System.out.printf("best mean accuracy over the folds %.2f%%%n", 100 * java.util.Arrays.stream(cv.avgMetrics())
                .max().orElseThrow());
        System.out.printf("test accuracy %.2f%%%n", 100 * accuracy.evaluate(loaded.transform(test)));
        spark.stop();
    }
}
