package dev.slope.preprocess;

import dev.slope.data.DatasetInfo;
import dev.slope.linalg.Checks;
import dev.slope.linalg.RowSource;
import java.util.List;

/**
 * What every learner takes: rows x_i (read through the fitted {@link Pipeline} that made them), their
 * labels, the class names and where they came from. Immutable; the labels are owned by the dataset.
 */
public final class Dataset {
    private final RowSource rows;
    private final int[] labels;
    private final List<String> classNames;
    private final Pipeline pipeline;
    private final DatasetInfo source;
    private final String part;

    /**
     * @param labels one per row, in 0..classNames.size()-1; owned by the dataset (not copied)
     * @param source the dataset the rows came from (its provenance)
     * @param part   which part of it ("training split", "test split")
     */
    public Dataset(RowSource rows, int[] labels, List<String> classNames, Pipeline pipeline, DatasetInfo source,
                   String part) {
        if (rows.rows() != labels.length) {
            throw new IllegalArgumentException(rows.rows() + " rows but " + labels.length + " labels");
        }
        if (rows.cols() != pipeline.inputDim()) {
            throw new IllegalArgumentException("rows have " + rows.cols() + " columns but the pipeline makes "
                    + pipeline.inputDim());
        }
        for (int i = 0; i < labels.length; i++) {
            Checks.requireLabel(labels[i], classNames.size(), i);
        }
        this.rows = rows;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        this.pipeline = pipeline;
        this.source = source;
        this.part = part;
    }

    /**
     * Refuses rows no learner can fit, with what is wrong and where: no rows at all, a single class present (a
     * classifier needs two), or a NaN or infinite value (named by its row and column). Every learner calls this
     * first; labels that skip a class are fine (that class is never predicted by kNN, and a linear model learns
     * to score it low). Reads every row once (rows that live elsewhere, {@link RowSource#local()} false, are checked
     * for finite values where they live; rows finite by construction, pixel rows, are not read).
     *
     * @param what the rows' name in the message ("the training rows")
     */
    public Dataset requireLearnable(String what) {
        if (size() == 0) {
            throw new IllegalArgumentException("nothing to learn from: " + what + " are empty");
        }
        int first = labels[0];
        boolean two = false;
        for (int label : labels) {
            if (label != first) {
                two = true;
                break;
            }
        }
        if (!two) {
            throw new IllegalArgumentException(what + " hold only class " + first + " (" + classNames.get(first)
                    + "); a classifier needs examples of at least two classes");
        }
        float[] row = new float[dim()];
        for (int i = 0; rows.local() && !rows.finiteByConstruction() && i < size(); i++) {
            rows.copyRow(i, row);
            for (int j = 0; j < row.length; j++) {
                if (!Float.isFinite(row[j])) {
                    throw new IllegalArgumentException("row " + i + " of " + what + " has " + row[j] + " in column " + j
                            + "; every value must be finite (check the features that made it)");
                }
            }
        }
        return this;
    }

    /** N. */
    public int size() {
        return labels.length;
    }

    /** D, the length of each row. */
    public int dim() {
        return rows.cols();
    }

    public int classCount() {
        return classNames.size();
    }

    public List<String> classNames() {
        return classNames;
    }

    public RowSource rows() {
        return rows;
    }

    /** The labels themselves, for kernels. Read only: callers must not write to it. */
    public int[] labelArray() {
        return labels;
    }

    public int label(int i) {
        return labels[i];
    }

    /** The fitted pipeline that made these rows (a model trained on them keeps it). */
    public Pipeline pipeline() {
        return pipeline;
    }

    /** The dataset the rows came from. */
    public DatasetInfo source() {
        return source;
    }

    /** "fashion-mnist-small, training split": where the rows came from, for messages. */
    public String origin() {
        return source.name() + ", " + part;
    }

    public boolean isEmpty() {
        return labels.length == 0;
    }

    /** The first {@code n} rows (or all, if there are fewer), without copying them. */
    public Dataset head(int n) {
        int k = Math.min(n, size());
        RowSource all = rows;
        RowSource first = new RowSource() {
            @Override
            public int rows() {
                return k;
            }

            @Override
            public int cols() {
                return all.cols();
            }

            @Override
            public void copyRow(int i, float[] out) {
                all.copyRow(i, out);
            }
        };
        return new Dataset(first, java.util.Arrays.copyOf(labels, k), classNames, pipeline, source, part + ", first " + k);
    }

    /** "10800 rows of 785 (fashion-mnist-small, training split)". */
    public String describe() {
        return size() + " rows of " + dim() + " (" + origin() + ")";
    }
}
