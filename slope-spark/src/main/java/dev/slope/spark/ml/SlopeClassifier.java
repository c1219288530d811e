package dev.slope.spark.ml;

import dev.slope.FieldNames;
import dev.slope.linalg.BatchEngine;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import dev.slope.run.TrainingRun;
import dev.slope.spark.FrameRun;
import dev.slope.spark.SparkFrames;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Slope's linear classifier as a Spark ML {@code Estimator}: it sits in a {@code Pipeline}, is tuned by
 * {@code CrossValidator} or {@code TrainValidationSplit}, and is saved and loaded as MLlib's stages are.
 *
 * <pre>{@code
 * SlopeClassifier slope = new SlopeClassifier().setLoss("softmax").setEpochs(8);
 * SlopeClassificationModel model = slope.fit(train);   // label: 0..C-1, features: pixels or any numbers
 * model.transform(test).select("prediction", "probability").show();
 * }</pre>
 *
 * <p>Every setting of {@code slope train} is a Param, named as Spark names Params ({@code reg}, {@code regType},
 * {@code lr}, {@code batchSize}, {@code epochs}, {@code seed}, ...); one left unset follows Slope's default rule, as a
 * flag left out does on the command line (the learning rate by loss, update rule and batch size). One exception: on
 * features that are not binary pixels, {@code pixelScale} left unset is 1 (the values are taken as they are; uint8
 * pixels are scaled by 1/255).
 *
 * <p>{@code fit} trains as {@code slope spark-train --frame} does, the rows never leaving the executors: a seeded split
 * holds out {@code valFraction} of the frame (0: train on every row) to report validation accuracy and stop early
 * ({@code patience}); full batches give {@code slope train}'s model bit for bit, mini-batches run local SGD with
 * averaging.
 */
public final class SlopeClassifier extends Estimator<SlopeClassificationModel>
        implements SlopeSettingSetters<SlopeClassifier>, SlopeColumns<SlopeClassifier>, MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<?>[] params;

    public SlopeClassifier() {
        this(Identifiable$.MODULE$.randomUID("slope"));
    }

    /** A classifier with the given uid (Spark's readers and {@code copy} call this). */
    public SlopeClassifier(String uid) {
        this.uid = uid;
        this.params = ParamTable.create(this);
        ParamTable.setDefaults(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The Params, from the settings table (Spark would otherwise find them by reflection; the same ones). */
    @Override
    public Param<?>[] params() {
        return params;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Frames.features(schema, getFeaturesCol());
        Frames.label(schema, getLabelCol());
        return SlopeClassificationModel.outputSchema(this, schema,
                ParamTable.config(this).objective().loss().givesProbabilities());
    }

    @Override
    public SlopeClassificationModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        Dataset<Row> frame = dataset.toDF();
        TrainConfig config = ParamTable.config(this);
        boolean pixels = frame.schema().apply(getFeaturesCol()).dataType().equals(DataTypes.BinaryType);
        if (!pixels && !isSet(pixelScale())) {
            config = config.toBuilder().set(Settings.PIXEL_SCALE, 1.0).build();
        }
        SparkFrames.Shape shape = Frames.shape(frame, getFeaturesCol(), getLabelCol(), getImageShape());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(frame.sparkSession().sparkContext());
        try (BatchEngine engine = new BatchEngine(Runtime.getRuntime().availableProcessors())) {
            TrainingRun.Outcome outcome = FrameRun.run(sc, config, new FrameRun.Frames(frame, null, getLabelCol(),
                    getFeaturesCol(), shape, "a DataFrame (" + getLabelCol() + ", " + getFeaturesCol() + ")"),
                    getSyncSteps(), null, engine);
            SlopeClassificationModel model = copyValues(new SlopeClassificationModel(uid, outcome.model()),
                    ParamMap.empty());
            if (!pixels && !isSet(pixelScale())) {
                ParamTable.set(model, Settings.PIXEL_SCALE.name(), 1.0); // the model says the scale it was trained at
            }
            return model.setParent(this);
        } catch (dev.slope.SlopeException | dev.slope.InvalidValueException e) {
            throw new IllegalArgumentException(FieldNames.PARAMS.messageOf(e), e);
        }
    }

    @Override
    public SlopeClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    @Override
    public MLWriter write() {
        return new DefaultParamsWriter(this);
    }

    public static MLReader<SlopeClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static SlopeClassifier load(String path) {
        return read().load(path);
    }
}
