package dev.slope.spark.ml;

import dev.slope.spark.SparkFrames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** What Slope's stages read from a frame's schema: the columns checked, the images' shape and the classes. */
final class Frames {
    private Frames() {
    }

    /** The features column, checked (binary, an array of numbers or an ML Vector), named as the stage names it. */
    static StructField features(StructType schema, String name) {
        return SparkFrames.featuresField(schema, name, "featuresCol names it");
    }

    /** The label column, checked (numbers), named as the stage names it. */
    static StructField label(StructType schema, String name) {
        return SparkFrames.labelField(schema, name, "labelCol names it");
    }

    /** {@code schema} with an output column added, refusing one that exists. */
    static StructType add(StructType schema, String name, DataType type, String param) {
        if (Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("the frame already has a column '" + name + "'; name the output"
                    + " another way (" + param + ")");
        }
        return schema.add(new StructField(name, type, false, org.apache.spark.sql.types.Metadata.empty()));
    }

    /**
     * The images' shape and the class names of a training frame: the shape from {@code imageShape}, else the features
     * column's Slope metadata, else one row of all its values; the classes from the Slope metadata, else the label
     * column's nominal attribute (a {@code StringIndexer}'s names), else 0..max label.
     */
    static SparkFrames.Shape shape(org.apache.spark.sql.Dataset<Row> frame, String featuresCol, String labelCol,
                                   String imageShape) {
        StructField features = features(frame.schema(), featuresCol);
        StructField label = label(frame.schema(), labelCol);
        SparkFrames.Shape own = SparkFrames.Shape.of(features);
        if (own != null && imageShape == null) {
            return own;
        }
        List<String> names = own != null ? own.classNames() : classNames(frame, label);
        if (imageShape != null) {
            return SparkFrames.Shape.parse(imageShape, names);
        }
        int size = features.dataType() instanceof VectorUDT ? AttributeGroup.fromStructField(features).size() : -1;
        if (size < 0) {
            List<Row> first = frame.select(featuresCol).where(functions.col(featuresCol).isNotNull()).limit(1)
                    .collectAsList();
            if (first.isEmpty()) {
                throw new IllegalArgumentException("the frame has no rows with features (column '" + featuresCol + "')");
            }
            size = SparkFrames.values(first.get(0).get(0), new float[0]);
        }
        return new SparkFrames.Shape(1, size, 1, names);
    }

    private static List<String> classNames(org.apache.spark.sql.Dataset<Row> frame, StructField label) {
        Attribute a = Attribute.fromStructField(label);
        if (a instanceof NominalAttribute n && n.values().isDefined()) {
            return Arrays.asList(n.values().get());
        }
        int classes;
        if (a instanceof NominalAttribute n && n.numValues().isDefined()) {
            classes = (Integer) n.numValues().get();
        } else {
            Row max = frame.agg(functions.max(functions.col(label.name()))).first();
            if (max.isNullAt(0)) {
                throw new IllegalArgumentException("the frame has no labelled rows (column '" + label.name() + "')");
            }
            double top = ((Number) max.get(0)).doubleValue();
            if (top < 0 || top != Math.rint(top) || top >= Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the label column '" + label.name() + "' holds " + top + "; labels are"
                        + " whole numbers 0..C-1");
            }
            classes = (int) top + 1;
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add(String.valueOf(c));
        }
        return names;
    }
}
