package dev.slope.model;

import dev.slope.linalg.BatchEngine;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Pipeline;
import java.util.List;

/**
 * A trained classifier of any kind (linear today, k-nearest-neighbour next): it reads rows made by its
 * own fitted {@link Pipeline} and predicts a class for each. Implementations are immutable and safe to
 * call from many threads at once.
 */
public interface Classifier {

    /** One name per class, in label order. */
    List<String> classNames();

    /** The fitted pipeline that turns raw images into the rows this classifier reads. */
    Pipeline pipeline();

    /**
     * The predicted class of every row.
     *
     * @param rows   made by {@link #pipeline()}
     * @param engine runs the work on its threads; owned by the caller
     */
    int[] predict(Dataset rows, BatchEngine engine);

    /**
     * What the classifier says of each class for every row, N×C row-major: probabilities (softmax), scores
     * (SVM) or the share of the k nearest neighbours' votes (kNN). The largest is the prediction, except
     * that kNN breaks a tie of votes by the nearer neighbour: use {@link #classify} for both at once.
     */
    float[] outputs(Dataset rows, BatchEngine engine);

    /** The predicted classes and the outputs they came from, in one pass over the rows. */
    record Classified(int[] predicted, float[] outputs) {}

    /** {@link #predict} and {@link #outputs} together; the prediction is the largest output by default. */
    default Classified classify(Dataset rows, BatchEngine engine) {
        float[] out = outputs(rows, engine);
        int classes = classCount();
        int[] predicted = new int[rows.size()];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = LinearModel.argmax(out, i * classes, classes);
        }
        return new Classified(predicted, out);
    }

    /** What {@link #outputs} are, singular: "probability", "score" or "vote share". */
    String outputName();

    default int classCount() {
        return classNames().size();
    }

    /** Throws unless the rows were made by this classifier's pipeline, saying how to make them. */
    default void requireCompatible(Dataset rows) {
        if (!rows.pipeline().equals(pipeline())) {
            throw new IllegalArgumentException("these rows (" + rows.origin() + ") were made by another pipeline than the"
                    + " model's; make them with the model's own: model.pipeline().apply(images, ...)");
        }
        if (rows.classCount() != classCount()) {
            throw new IllegalArgumentException("the model knows " + classCount() + " classes but the data has "
                    + rows.classCount());
        }
    }
}
