package dev.slope.spark.ml;

import dev.slope.io.ModelFile;
import dev.slope.model.LinearModel;
import dev.slope.spark.SparkFrames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A trained Slope linear classifier as a Spark ML {@code Model}: {@code transform} adds the class scores
 * ({@code rawPredictionCol}), their softmax for a softmax model ({@code probabilityCol}) and the predicted class
 * ({@code predictionCol}), scored on the executors with the model broadcast once, through the model's own pipeline
 * (the images' scaling and mean), as {@code slope evaluate} scores images. Saved and loaded as MLlib's models are, on
 * any Hadoop file system; the folder holds Spark's metadata and the Slope model file ({@code data/model.slope}), which
 * {@link #slopeModel()} also gives (for {@code slope evaluate}, {@code slope predict}, {@code slope export}).
 */
public final class SlopeClassificationModel extends Model<SlopeClassificationModel>
        implements SlopeSettings, SlopeColumns<SlopeClassificationModel>, MLWritable {
    private static final long serialVersionUID = 1L;
    /** Where a saved model's Slope model file lies, inside the folder Spark's writer makes. */
    static final String MODEL_FILE = "data/model.slope";

    private final String uid;
    private final Param<?>[] params;
    private final transient LinearModel model;

    SlopeClassificationModel(String uid, LinearModel model) {
        this.uid = uid;
        this.params = ParamTable.create(this);
        this.model = model;
        ParamTable.setDefaults(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public Param<?>[] params() {
        return params;
    }

    /** The Slope model: class names, pipeline, W and b, settings and provenance. */
    public LinearModel slopeModel() {
        return model;
    }

    public int numClasses() {
        return model.classCount();
    }

    /** The raw values per image the model reads (H×W×C). */
    public int numFeatures() {
        return model.pipeline().height() * model.pipeline().width() * model.pipeline().channels();
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Frames.features(schema, getFeaturesCol());
        return outputSchema(this, schema, model.hasProbabilities());
    }

    /** The columns a Slope model adds, refusing a column that exists; "" for a column adds none. */
    static StructType outputSchema(SlopeColumns<?> stage, StructType schema, boolean probabilities) {
        StructType out = schema;
        if (!stage.getRawPredictionCol().isEmpty()) {
            out = Frames.add(out, stage.getRawPredictionCol(), new VectorUDT(), "rawPredictionCol");
        }
        if (!stage.getProbabilityCol().isEmpty() && probabilities) {
            out = Frames.add(out, stage.getProbabilityCol(), new VectorUDT(), "probabilityCol");
        }
        if (!stage.getPredictionCol().isEmpty()) {
            out = Frames.add(out, stage.getPredictionCol(), DataTypes.DoubleType, "predictionCol");
        }
        return out;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        Scorer scorer = new Scorer(sc.broadcast(ModelFile.encode(model)), numFeatures());
        Dataset<Row> out = dataset.toDF();
        String raw = getRawPredictionCol().isEmpty() ? "_slope_scores_" + uid : getRawPredictionCol();
        UserDefinedFunction scores = functions.udf((UDF1<Object, Vector>) scorer::scores, new VectorUDT());
        out = out.withColumn(raw, scores.apply(functions.col(getFeaturesCol())));
        Column scored = functions.col(raw);
        if (!getProbabilityCol().isEmpty() && model.hasProbabilities()) {
            UserDefinedFunction softmax = functions.udf((UDF1<Vector, Vector>) SlopeClassificationModel::softmax,
                    new VectorUDT());
            out = out.withColumn(getProbabilityCol(), softmax.apply(scored));
        }
        if (!getPredictionCol().isEmpty()) {
            UserDefinedFunction argmax = functions.udf((UDF1<Vector, Double>) v -> (double) v.argmax(),
                    DataTypes.DoubleType);
            out = out.withColumn(getPredictionCol(), argmax.apply(scored));
        }
        return getRawPredictionCol().isEmpty() ? out.drop(raw) : out;
    }

    /** The softmax of a vector of scores, by the loss's own (stable) formula. */
    static Vector softmax(Vector scores) {
        double[] s = scores.toArray();
        double[] p = new double[s.length];
        dev.slope.loss.SoftmaxCrossEntropy.probabilities(s, 0, s.length, p, 0);
        return Vectors.dense(p);
    }

    /**
     * Scores a features cell on an executor: the model decoded from its broadcast once per task, the cell read as
     * slope-core reads it (bytes through the pixel conversion, numbers through the same scale and mean).
     */
    private static final class Scorer implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Broadcast<byte[]> bytes;
        private final int values;
        private transient LinearModel model;

        Scorer(Broadcast<byte[]> bytes, int values) {
            this.bytes = bytes;
            this.values = values;
        }

        Vector scores(Object cell) {
            if (model == null) {
                model = ModelFile.decode(java.nio.file.Path.of(MODEL_FILE), bytes.value());
            }
            float[] s;
            if (cell instanceof byte[] image && image.length == values) {
                s = model.scores(image);
            } else {
                float[] raw = new float[values];
                int n = cell == null ? -1 : SparkFrames.values(cell, raw);
                if (n != values) {
                    throw new IllegalArgumentException("a features cell holds " + (n < 0 ? "nothing, or a null" : n
                            + " values") + "; the model reads " + values + " per image");
                }
                s = model.scores(raw);
            }
            double[] d = new double[s.length];
            for (int c = 0; c < s.length; c++) {
                d[c] = s[c];
            }
            return Vectors.dense(d);
        }
    }

    @Override
    public SlopeClassificationModel copy(ParamMap extra) {
        SlopeClassificationModel copy = copyValues(new SlopeClassificationModel(uid, model), extra);
        return parent() == null ? copy : copy.setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    public static MLReader<SlopeClassificationModel> read() {
        return new Reader();
    }

    public static SlopeClassificationModel load(String path) {
        return read().load(path);
    }

    /** Spark's metadata (class, uid, Params) as MLlib writes it, and the Slope model file beside it. */
    private static final class Writer extends MLWriter {
        private final SlopeClassificationModel stage;

        Writer(SlopeClassificationModel stage) {
            this.stage = stage;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(stage, path, sparkSession());
            Path file = new Path(path, MODEL_FILE);
            try {
                FileSystem fs = file.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
                try (OutputStream out = fs.create(file, true)) {
                    out.write(ModelFile.encode(stage.model));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static final class Reader extends MLReader<SlopeClassificationModel> {
        @Override
        public SlopeClassificationModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
                    SlopeClassificationModel.class.getName());
            Path file = new Path(path, MODEL_FILE);
            byte[] bytes;
            try {
                FileSystem fs = file.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
                try (InputStream in = fs.open(file); ByteArrayOutputStream all = new ByteArrayOutputStream()) {
                    in.transferTo(all);
                    bytes = all.toByteArray();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Slope model file " + file + ": " + e.getMessage(), e);
            }
            SlopeClassificationModel stage = new SlopeClassificationModel(metadata.uid(),
                    ModelFile.decode(java.nio.file.Path.of(file.toString()), bytes));
            metadata.getAndSetParams(stage, scala.Option.empty());
            return stage;
        }
    }
}
