package dev.slope.api;

import dev.slope.data.DatasetInfo;
import dev.slope.data.Datasets;
import dev.slope.data.ImageData;
import dev.slope.data.ImageFiles;
import dev.slope.data.ImageFolders;
import dev.slope.data.ImageSet;
import dev.slope.io.ModelFile;
import dev.slope.linalg.BatchEngine;
import dev.slope.model.Classifier;
import dev.slope.model.LinearModel;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Pipeline;
import dev.slope.run.Summary;
import dev.slope.run.TrainingRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Slope in three statements, with the defaults of {@code slope train}:
 *
 * <pre>{@code
 * Slope.Trained run = Slope.train(Path.of("data/fashion-mnist-small"));   // split, fit, learn, test
 * System.out.println(run.testAccuracy());
 * run.save(Path.of("model.slope"));
 *
 * Slope.Prediction p = Slope.load(Path.of("model.slope")).predict(Path.of("shirt.png"));
 * }</pre>
 *
 * <p>A dataset folder is anything {@link Datasets#open(Path)} reads: IDX files (MNIST, Fashion-MNIST), CIFAR-10's
 * binary batches, or image folders (one folder per class, or {@code train/} and {@code test/} of such folders).
 * Settings other than the defaults come from {@link TrainConfig#builder()}. The methods without an engine open one
 * on every core and close it before they return; pass a {@link BatchEngine} to choose the threads. What the run does
 * is {@link TrainingRun}: the same run, summary and model file as {@code slope train}.
 */
public final class Slope {
    private Slope() {
    }

    /** Trains with the defaults on the dataset in {@code data}, on every core. */
    public static Trained train(Path data) {
        return train(data, TrainConfig.DEFAULTS);
    }

    /** Trains with {@code config} on the dataset in {@code data}, on every core. */
    public static Trained train(Path data, TrainConfig config) {
        try (BatchEngine engine = BatchEngine.allCores()) {
            return train(Datasets.open(data, ImageFolders.Options.DEFAULT, engine), config, engine);
        }
    }

    /**
     * Trains with {@code config} on images already read: holds out the validation split, fits the pipeline on the
     * training split, learns, evaluates on the test split.
     *
     * @param engine runs the work; owned by the caller
     */
    public static Trained train(ImageData data, TrainConfig config, BatchEngine engine) {
        return new Trained(TrainingRun.run(TrainingRun.Request.of(config, data), engine, TrainingRun.LOCAL));
    }

    /** A saved model (linear or kNN), ready to classify image files. */
    public static Predictor load(Path modelFile) {
        return new Predictor(ModelFile.loadClassifier(modelFile));
    }

    /** What a training run made: the model, its test accuracy and the run's summary (the keys of {@code --json}). */
    public record Trained(TrainingRun.Outcome outcome) {
        /** The trained model, with its fitted pipeline and provenance. */
        public LinearModel model() {
            return outcome.model();
        }

        /** The run's figures, as {@code slope train --json} prints them. */
        public Summary summary() {
            return outcome.summary();
        }

        /** The share of the test split classified right. */
        public double testAccuracy() {
            return outcome.summary().testAccuracy();
        }

        /** Saves the model (atomically, with its pipeline and provenance); returns this run. */
        public Trained save(Path file) {
            ModelFile.save(model(), file);
            return this;
        }

        /** The model as a predictor of image files. */
        public Predictor predictor() {
            return new Predictor(model());
        }
    }

    /**
     * What a model says of one image.
     *
     * @param className  the predicted class
     * @param label      its index in {@code classNames}
     * @param outputs    one value per class: probabilities (softmax), scores (SVM) or vote shares (kNN)
     * @param outputName what the outputs are: "probability", "score" or "vote share"
     */
    public record Prediction(String className, int label, List<String> classNames, float[] outputs, String outputName) {
        /** The output for the class named {@code name}. */
        public float output(String name) {
            int i = classNames.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no class '" + name + "'; the classes are " + classNames);
            }
            return outputs[i];
        }
    }

    /** A model that classifies image files (PNG, JPEG, GIF, BMP), scaled to the model's image shape. */
    public static final class Predictor {
        private final Classifier classifier;

        public Predictor(Classifier classifier) {
            this.classifier = classifier;
        }

        /** The model behind this predictor. */
        public Classifier classifier() {
            return classifier;
        }

        /** The prediction for one image file. */
        public Prediction predict(Path image) {
            return predict(List.of(image)).get(0);
        }

        /** The predictions for image files, in order. */
        public List<Prediction> predict(List<Path> images) {
            return predictions(classify(images), images.size());
        }

        /**
         * The prediction for one image already read at the model's shape (H×W×C unsigned bytes, channels last:
         * {@code ImageFiles.read(file, height, width, channels)} scales any file to it).
         */
        public Prediction predictPixels(byte[] pixels) {
            Pipeline shape = classifier.pipeline();
            return predictions(classifyPixels(pixels, 1, shape.height() + "x" + shape.width() + " image"), 1).get(0);
        }

        private List<Prediction> predictions(Classifier.Classified c, int n) {
            int classes = classifier.classCount();
            List<Prediction> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                float[] outputs = java.util.Arrays.copyOfRange(c.outputs(), i * classes, (i + 1) * classes);
                int label = c.predicted()[i];
                out.add(new Prediction(classifier.classNames().get(label), label, classifier.classNames(), outputs,
                        classifier.outputName()));
            }
            return out;
        }

        /**
         * The predicted classes and outputs (N×C, row-major) of image files, each read and scaled to the model's
         * shape and made into a row by the model's own pipeline, on the calling thread.
         */
        public Classifier.Classified classify(List<Path> images) {
            Pipeline shape = classifier.pipeline();
            int per = shape.height() * shape.width() * shape.channels();
            byte[] pixels = new byte[images.size() * per];
            for (int i = 0; i < images.size(); i++) {
                byte[] one = ImageFiles.read(images.get(i), shape.height(), shape.width(), shape.channels());
                System.arraycopy(one, 0, pixels, i * per, per);
            }
            return classifyPixels(pixels, images.size(),
                    images.size() == 1 ? images.get(0).toString() : images.size() + " image files");
        }

        private Classifier.Classified classifyPixels(byte[] pixels, int n, String name) {
            Pipeline shape = classifier.pipeline();
            ImageSet set = new ImageSet(pixels, new int[n], shape.height(), shape.width(), shape.channels(),
                    classifier.classNames());
            return classifier.classify(classifier.pipeline().apply(set, DatasetInfo.of(name, set, set.head(0)), "files"),
                    BatchEngine.onCaller());
        }
    }
}
