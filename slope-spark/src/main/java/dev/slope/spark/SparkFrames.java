package dev.slope.spark;

import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageSet;
import dev.slope.linalg.RowSource;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Pipeline;
import dev.slope.preprocess.Preprocessing;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Images in Spark DataFrames: Slope's images as a frame (for trying Spark on one machine, or writing Parquet), and a
 * frame's label and features columns read into cached row blocks on the executors, checked there and reported on the
 * driver, then preprocessed as slope-core's pipeline does (the mean image summed by that same job), ready for a
 * {@link SparkPass}.
 *
 * <p>The features column holds each image's raw values, H×W×C in row-major order with channels last: binary (uint8
 * pixels), an array of numbers, or an ML {@code Vector} (as Spark's {@code libsvm} source reads). The label column
 * holds whole numbers 0..C−1.
 */
public final class SparkFrames {
    /** The column names Slope writes and reads by default. */
    public static final String LABEL = "label";
    public static final String FEATURES = "features";

    private SparkFrames() {
    }

    /** An image's shape and the class names, what a frame's numbers cannot say themselves. */
    // Kryo 4 cannot build records field by field: Java serialization for this one under KryoSerializer
    @com.esotericsoftware.kryo.DefaultSerializer(com.esotericsoftware.kryo.serializers.JavaSerializer.class)
    public record Shape(int height, int width, int channels, List<String> classNames) implements Serializable {
        public Shape {
            if (height < 1 || width < 1 || (channels != 1 && channels != 3)) {
                throw new IllegalArgumentException("an image is at least 1x1 with 1 or 3 channels, not " + height + "x"
                        + width + "x" + channels);
            }
            if (classNames.size() < 2) {
                throw new IllegalArgumentException("a classifier needs at least two classes, got " + classNames);
            }
            classNames = List.copyOf(classNames);
        }

        public int values() {
            return height * width * channels;
        }

        /**
         * A shape given as text, {@code HxWxC} (or {@code HxW}: one channel), as {@code --image-shape} and the ML stage's
         * {@code imageShape} take it.
         *
         * @throws IllegalArgumentException saying what is wrong and what is expected
         */
        public static Shape parse(String hwc, List<String> classNames) {
            String[] parts = hwc.trim().toLowerCase(java.util.Locale.ROOT).split("x", -1);
            try {
                if (parts.length < 2 || parts.length > 3) {
                    throw new NumberFormatException();
                }
                return new Shape(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                        parts.length == 3 ? Integer.parseInt(parts[2].trim()) : 1, classNames);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the image shape '" + hwc + "' is not HxWxC, e.g. 28x28x1 or"
                        + " 32x32x3");
            }
        }

        /** The shape a frame made by {@link #of} records in its features column's metadata, or null. */
        public static Shape of(StructField features) {
            Metadata m = features.metadata();
            if (!m.contains("slope_height")) {
                return null;
            }
            return new Shape((int) m.getLong("slope_height"), (int) m.getLong("slope_width"),
                    (int) m.getLong("slope_channels"), Arrays.asList(m.getStringArray("slope_classes")));
        }
    }

    /**
     * Slope's images as a frame of {@code partitions} partitions: {@value #LABEL} (int) and {@value #FEATURES}
     * (binary, the uint8 pixels), the shape and class names in the features column's metadata.
     */
    public static org.apache.spark.sql.Dataset<Row> of(SparkSession spark, ImageSet images, int partitions) {
        List<Row> rows = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            rows.add(RowFactory.create(images.label(i), images.image(i)));
        }
        Metadata shape = new MetadataBuilder().putLong("slope_height", images.height())
                .putLong("slope_width", images.width()).putLong("slope_channels", images.channels())
                .putStringArray("slope_classes", images.classNames().toArray(new String[0])).build();
        StructType schema = new StructType(new StructField[] {
            new StructField(LABEL, DataTypes.IntegerType, false, Metadata.empty()),
            new StructField(FEATURES, DataTypes.BinaryType, false, shape)});
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(sc.parallelize(rows, partitions), schema);
    }

    /** What a check of one partition found: its labels, and the first problem of each kind with its row. */
    // Kryo 4 cannot build records field by field: Java serialization for this one under KryoSerializer
    @com.esotericsoftware.kryo.DefaultSerializer(com.esotericsoftware.kryo.serializers.JavaSerializer.class)
    record Checked(int rows, int[] labels, long badLengthRow, int badLength, long badLabelRow, double badLabel,
                   long nonFiniteRow, int nonFiniteColumn, double[] sum) implements Serializable {
    }

    /**
     * A frame's rows on the cluster, checked and preprocessed: the blocks a {@link SparkPass} sums over, and the
     * {@link Dataset} the trainers take (its labels here, its rows there).
     */
    public record Prepared(SparkPass pass, Dataset dataset) implements AutoCloseable {
        @Override
        public void close() {
            pass.close();
        }
    }

    /**
     * Reads, checks and preprocesses a frame for training. Every problem is found by one job that reports instead of
     * failing (so nothing is retried), then said on the driver with its row: a missing column, a column of the wrong
     * type, features of the wrong length, a label out of range or not whole, a NaN or infinite value, no rows, a
     * single class.
     *
     * @param shape       the images' shape and class names; null: the frame's own (a frame made by {@link #of})
     * @param pixelScale  raw value → input (1/255 for uint8 pixels), as slope train's {@code --pixel-scale}
     * @param meanImage   subtract the mean image (fitted on this frame by the checking job)
     */
    public static Prepared prepare(JavaSparkContext sc, org.apache.spark.sql.Dataset<Row> frame, String labelColumn,
                                   String featuresColumn, Shape shape, float pixelScale, boolean meanImage,
                                   boolean biasTrick) {
        return prepare(sc, frame, labelColumn, featuresColumn, shape, null, pixelScale, meanImage, biasTrick, "train");
    }

    /**
     * A frame of held-out rows ({@code part}: "validation" or "test") checked and preprocessed by the training frame's fitted pipeline (its
     * mean image, not this frame's).
     */
    public static Prepared prepareWith(JavaSparkContext sc, org.apache.spark.sql.Dataset<Row> frame, String labelColumn,
                                       String featuresColumn, Shape shape, Pipeline fitted, String part) {
        return prepare(sc, frame, labelColumn, featuresColumn, shape, fitted.pixels(), 0, false, false, part);
    }

    private static Prepared prepare(JavaSparkContext sc, org.apache.spark.sql.Dataset<Row> frame, String labelColumn,
                                    String featuresColumn, Shape shape, Preprocessing fitted, float pixelScale,
                                    boolean meanImage, boolean biasTrick, String part) {
        StructType schema = frame.schema();
        labelField(schema, labelColumn, "name the label column");
        StructField featuresField = featuresField(schema, featuresColumn, "name the features column");
        Shape s = shape != null ? shape : Shape.of(featuresField);
        if (s == null) {
            throw new IllegalArgumentException("the frame does not say its images' shape and classes: give them (for"
                    + " example new SparkFrames.Shape(28, 28, 1, classNames))");
        }
        int values = s.values();
        int classes = s.classNames().size();
        JavaRDD<Row> rows = frame.select(labelColumn, featuresColumn).javaRDD();

        // the check: one job, every partition reports its labels and its first problems (nothing throws in a task),
        // and the sums the mean image needs, so the frame is read once for both
        boolean sums = fitted == null && meanImage;
        List<Checked> checks = rows.mapPartitions((Iterator<Row> it) -> {
            double[] sum = sums ? new double[values] : new double[0];
            List<Integer> labels = new ArrayList<>();
            long badLengthRow = -1;
            int badLength = 0;
            long badLabelRow = -1;
            double badLabel = 0;
            long nonFiniteRow = -1;
            int nonFiniteColumn = -1;
            float[] x = new float[values];
            int i = 0;
            while (it.hasNext()) {
                Row r = it.next();
                double label = r.isNullAt(0) ? Double.NaN : ((Number) r.get(0)).doubleValue();
                int length = r.isNullAt(1) ? -1 : values(r.get(1), x);
                if (length != values && badLengthRow < 0) {
                    badLengthRow = i;
                    badLength = length;
                }
                if (!(label >= 0 && label < classes && label == Math.rint(label)) && badLabelRow < 0) {
                    badLabelRow = i;
                    badLabel = label;
                }
                for (int k = 0; length == values && nonFiniteRow < 0 && k < values; k++) {
                    if (!Float.isFinite(x[k])) {
                        nonFiniteRow = i;
                        nonFiniteColumn = k;
                    }
                }
                for (int k = 0; sums && length == values && k < values; k++) {
                    sum[k] += x[k];
                }
                labels.add(badLabelRow < 0 ? (int) label : 0);
                i++;
            }
            return List.of(new Checked(i, labels.stream().mapToInt(Integer::intValue).toArray(), badLengthRow,
                    badLength, badLabelRow, badLabel, nonFiniteRow, nonFiniteColumn, sum)).iterator();
        }).collect();
        int[] partRows = new int[checks.size()];
        long before = 0;
        int n = 0;
        for (int p = 0; p < checks.size(); p++) {
            Checked c = checks.get(p);
            String where = " (partition " + p + ", its row " + "%d)";
            if (c.badLengthRow() >= 0) {
                throw new IllegalArgumentException("row " + (before + c.badLengthRow()) + String.format(where,
                        c.badLengthRow()) + ": the features column '" + featuresColumn + "' holds "
                        + (c.badLength() < 0 ? "nothing, or a null among its values" : c.badLength() + " values") + "; the images are "
                        + s.height() + "x" + s.width() + "x" + s.channels() + " = " + values + " values");
            }
            if (c.badLabelRow() >= 0) {
                throw new IllegalArgumentException("row " + (before + c.badLabelRow()) + String.format(where,
                        c.badLabelRow()) + ": the label " + c.badLabel() + " is not a class: labels are whole numbers"
                        + " 0.." + (classes - 1) + " (" + classes + " classes)");
            }
            if (c.nonFiniteRow() >= 0) {
                throw new IllegalArgumentException("row " + (before + c.nonFiniteRow()) + String.format(where,
                        c.nonFiniteRow()) + ": value " + c.nonFiniteColumn() + " of the features is not a finite"
                        + " number");
            }
            requireBlockFits(p, c.rows(), fitted != null ? fitted.inputDim() : values + (biasTrick ? 1 : 0));
            partRows[p] = c.rows();
            before += c.rows();
            if (before > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the " + part + " frame holds more than " + Integer.MAX_VALUE
                        + " rows (" + before + " in its first " + (p + 1) + " partitions), more than Slope indexes:"
                        + " train on a sample of it");
            }
            n = (int) before;
        }
        int[] labels = new int[n];
        for (int p = 0, at = 0; p < checks.size(); p++) {
            System.arraycopy(checks.get(p).labels(), 0, labels, at, partRows[p]);
            at += partRows[p];
        }

        // the mean image: raw values summed per partition in double, added in partition order (exact for pixels)
        float[] mean = new float[0];
        if (fitted != null && fitted.pixels() != values) {
            throw new IllegalArgumentException("the model takes " + fitted.pixels() + " values per image but this frame's"
                    + " images are " + s.height() + "x" + s.width() + "x" + s.channels() + " = " + values);
        }
        if (sums && n > 0) {
            double[] total = new double[values];
            for (Checked c : checks) { // added in partition order (exact for pixels in any order)
                for (int k = 0; k < values; k++) {
                    total[k] += c.sum()[k];
                }
            }
            mean = new float[values];
            for (int k = 0; k < values; k++) {
                mean[k] = (float) (pixelScale * total[k] / n);
            }
        }
        Preprocessing pre = fitted != null ? fitted : new Preprocessing(pixelScale, mean, biasTrick, values);
        float scale = pre.scale();
        boolean bias = pre.biasTrick();
        Pipeline pipeline = new Pipeline(s.height(), s.width(), s.channels(), pre);
        int dim = pre.inputDim();
        float[] m = pre.mean();
        JavaRDD<SparkPass.Block> blocks = rows.mapPartitions((Iterator<Row> it) -> {
            Preprocessing here = new Preprocessing(scale, m, bias, values); // a record: rebuilt, not shipped
            float[] all = new float[dim * 256];
            int[] ys = new int[256];
            int count = 0;
            float[] raw = new float[values];
            float[] x = new float[dim];
            while (it.hasNext()) {
                Row r = it.next();
                values(r.get(1), raw);
                if (count == ys.length) {
                    ys = Arrays.copyOf(ys, 2 * count);
                    all = Arrays.copyOf(all, 2 * count * dim);
                }
                here.apply(raw, x);
                System.arraycopy(x, 0, all, count * dim, dim);
                ys[count++] = ((Number) r.get(0)).intValue();
            }
            return List.of(new SparkPass.Block(Arrays.copyOf(all, count * dim), Arrays.copyOf(ys, count), dim))
                    .iterator();
        }).persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK()); // an executor short of memory spills
        DatasetInfo info = new DatasetInfo("spark frame", "", "DataFrame (" + labelColumn + ", " + featuresColumn + ")",
                n, 0, "");
        Dataset dataset = new Dataset(new Remote(n, dim), labels, s.classNames(), pipeline, info, part);
        if (fitted == null) {
            dataset.requireLearnable("the frame's rows");
        } else if (n == 0) {
            throw new IllegalArgumentException("the " + part + " frame has no rows");
        }
        return new Prepared(new SparkPass(sc, blocks, partRows, dim), dataset);
    }

    /** The most values one partition's block of rows may hold: one Java array of floats. */
    static final long MAX_BLOCK_VALUES = Integer.MAX_VALUE - 8;

    /**
     * Refuses a partition whose rows would not fit one block (a Java array of at most {@value #MAX_BLOCK_VALUES}
     * floats), naming it and what to do, before the job that builds the blocks.
     */
    static void requireBlockFits(int partition, long rows, int dim) {
        if (rows * dim > MAX_BLOCK_VALUES) {
            throw new IllegalArgumentException("partition " + partition + " holds " + rows + " rows of " + dim
                    + " values, more than one block of rows holds (" + MAX_BLOCK_VALUES + " values): cut the frame into"
                    + " more partitions (Dataset.repartition, or --partitions), at least "
                    + (rows * dim / MAX_BLOCK_VALUES + 1) + " times as many");
        }
    }

    /** Rows that live on the cluster: counted here, read there. */
    record Remote(int rows, int cols) implements RowSource {
        @Override
        public void copyRow(int i, float[] out) {
            throw new UnsupportedOperationException("row " + i + " lives on the Spark cluster; read it there");
        }

        @Override
        public boolean local() {
            return false;
        }
    }

    /**
     * A frame's label column, checked: it exists and holds numbers.
     *
     * @param hint how the caller names the column ("name the label column", "labelCol names it"), for the message
     */
    public static StructField labelField(StructType schema, String name, String hint) {
        StructField f = field(schema, name, "label", hint);
        if (!(f.dataType() instanceof NumericType)) {
            throw new IllegalArgumentException("the label column '" + name + "' is " + f.dataType().simpleString()
                    + "; it must hold numbers (whole numbers 0..C-1; a StringIndexer turns names into them)");
        }
        return f;
    }

    /** A frame's features column, checked: it exists and is binary (uint8 pixels), an array of numbers or an ML vector. */
    public static StructField featuresField(StructType schema, String name, String hint) {
        StructField f = field(schema, name, "features", hint);
        DataType t = f.dataType();
        boolean known = t.equals(DataTypes.BinaryType) || t instanceof ArrayType a && a.elementType() instanceof NumericType
                || t.typeName().equals("vector");
        if (!known) {
            throw new IllegalArgumentException("the features column '" + name + "' is " + t.simpleString() + "; it must"
                    + " be binary (uint8 pixels), an array of numbers or an ML vector (" + hint + ")");
        }
        return f;
    }

    private static StructField field(StructType schema, String name, String what, String hint) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("the frame has no " + what + " column '" + name + "'; its columns are "
                + Arrays.toString(schema.fieldNames()) + " (" + hint + ")");
    }

    /** Writes a features cell's numbers into x (as far as it holds them) and returns how many it holds. */
    public static int values(Object cell, float[] x) {
        if (cell instanceof byte[] bytes) {
            for (int k = 0; k < Math.min(bytes.length, x.length); k++) {
                x[k] = bytes[k] & 0xFF;
            }
            return bytes.length;
        }
        if (cell instanceof org.apache.spark.ml.linalg.Vector v) {
            int size = v.size();
            if (size == x.length) {
                double[] dense = v.toArray();
                for (int k = 0; k < size; k++) {
                    x[k] = (float) dense[k];
                }
            }
            return size;
        }
        if (cell instanceof scala.collection.Seq<?> seq) {
            int size = seq.size();
            for (int k = 0; k < Math.min(size, x.length); k++) {
                if (!(seq.apply(k) instanceof Number v)) {
                    return -1; // a null element: as bad as a missing value
                }
                x[k] = v.floatValue();
            }
            return size;
        }
        if (cell instanceof List<?> list) {
            int size = list.size();
            for (int k = 0; k < Math.min(size, x.length); k++) {
                if (!(list.get(k) instanceof Number v)) {
                    return -1;
                }
                x[k] = v.floatValue();
            }
            return size;
        }
        return -1;
    }
}
