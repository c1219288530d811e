package dev.slope.run;

import dev.slope.Progress;
import dev.slope.SlopeException;
import dev.slope.data.ImageData;
import dev.slope.eval.Evaluation;
import dev.slope.io.ModelFile;
import dev.slope.learn.TrainingListener;
import dev.slope.linalg.BatchEngine;
import dev.slope.model.LinearModel;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Splits;
import dev.slope.runfiles.CheckpointFile;
import dev.slope.runfiles.CheckpointStore;
import dev.slope.runfiles.RunFolder;
import dev.slope.viz.TrainingPictures;
import java.nio.file.Path;
import java.util.Map;

/**
 * One training run, the same for every front end ({@code slope train}, {@code slope spark-train} in both data layouts,
 * the dashboard, {@code slope search}'s trials): prepare the splits (hold out validation rows, fit the pipeline on the
 * training split), learn through a {@link Backend} (this machine, or a cluster), write checkpoints, evaluate on the test
 * rows, save the model, draw the pictures, and sum it all up in one {@link Summary}. The front ends parse, call
 * {@link #run} and print.
 */
public final class TrainingRun {
    private TrainingRun() {
    }

    /**
     * Where the gradient descent runs: this machine's engine ({@link #LOCAL}), or slope-spark's cluster. Given a trainer
     * (the run's settings and the engine for the validation rows), the splits, the checkpoints to meet and the run's
     * listeners.
     */
    @FunctionalInterface
    public interface Backend {
        GradientTrainer.Result train(GradientTrainer trainer, Splits split, GradientTrainer.Checkpointing checkpointing,
                                     TrainingListener... listeners);

        /** The checkpoint folder a run names (a folder on this machine by default). */
        default CheckpointStore checkpoints(String where) {
            return CheckpointStore.folder(Path.of(where));
        }

        /** The model's confusion matrix on the test rows (on the engine by default; on the cluster where they live). */
        default Evaluation evaluate(LinearModel model, Dataset test, BatchEngine engine) {
            return Evaluation.of(model, test, engine);
        }
    }

    /** Gradient descent on this machine's engine. */
    public static final Backend LOCAL = (trainer, split, checkpointing, listeners) ->
            trainer.train(split.train(), split.validation(), checkpointing, listeners);

    /**
     * What to run. Only the settings and the data are needed; the rest is optional (null: not wanted).
     *
     * @param data        the images, in memory (null when {@link #run(Request, Prepared, BatchEngine, Backend,
     *                    TrainingListener...)} is given rows already prepared)
     * @param dataOptions how the data was read (image size, colour, bad images), kept with checkpoints
     * @param out         where to save the model
     * @param plots       a folder for the run's pictures, history and {@code run.json}
     * @param checkpoints where to save checkpoints ({@code every} epochs apart)
     * @param resumed     the checkpoint this run continues (its store is {@code checkpoints})
     * @param warmUp      the JIT warm-up thread ({@code FusedPass.warmUp}), joined before any work on the engine
     */
    public record Request(TrainConfig config, ImageData data, Map<String, String> dataOptions, Path out, Path plots,
                          CheckpointStore checkpoints, int every, CheckpointFile.Saved resumed, Thread warmUp) {
        /** A run of {@code config} on {@code data} that saves nothing. */
        public static Request of(TrainConfig config, ImageData data) {
            return new Request(config, data, Map.of(), null, null, null, 1, null, null);
        }

        /** This run, saving its model to {@code out}. */
        public Request savingTo(Path out) {
            return new Request(config, data, dataOptions, out, plots, checkpoints, every, resumed, warmUp);
        }

        /** This run, writing its pictures, history and {@code run.json} into {@code plots}. */
        public Request drawingInto(Path plots) {
            return new Request(config, data, dataOptions, out, plots, checkpoints, every, resumed, warmUp);
        }

        /** This run, saving a checkpoint into {@code store} every {@code every} epochs; the data was read so. */
        public Request checkpointing(CheckpointStore store, int every, Map<String, String> dataOptions) {
            return new Request(config, data, dataOptions, out, plots, store, every, resumed, warmUp);
        }

        /** This run continuing {@code saved}, whose store is {@code store}. */
        public Request resuming(CheckpointFile.Saved saved, CheckpointStore store) {
            return new Request(config, data, saved.restart().dataOptions(), saved.restart().out(), plots, store,
                    saved.restart().every(), saved, warmUp);
        }

        /** This run, waiting for the JIT's warm-up before its work on the engine. */
        public Request afterWarmUp(Thread warmUp) {
            return new Request(config, data, dataOptions, out, plots, checkpoints, every, resumed, warmUp);
        }
    }

    /** Rows already prepared (on a cluster, say): the splits and where they came from. */
    public record Prepared(Splits split, String data) {
    }

    /**
     * What a run made.
     *
     * @param test              the model on the test rows
     * @param checkpointFailure why the last checkpoint could not be written (the model is saved all the same), or null
     * @param picturesFailure   why the pictures could not be drawn (the model is saved all the same), or null
     */
    public record Outcome(GradientTrainer.Result result, Splits split, Evaluation test, Summary summary,
                          String checkpointFailure, String picturesFailure) {
        public LinearModel model() {
            return result.model();
        }
    }

    /**
     * Runs {@code request} on its images: the splits are prepared on {@code engine} (owned by the caller), the model is
     * learned by {@code backend}.
     */
    public static Outcome run(Request request, BatchEngine engine, Backend backend, TrainingListener... listeners) {
        long inMemory = System.nanoTime(); // the summary's seconds count from here to the trained model
        TrainConfig config = request.config();
        Splits split;
        if (config.pipelineSpec().features().pixelsOnly()) {
            // pixels alone are prepared on this thread (the data's hash, the split, the mean image), while the warm-up
            // runs on its own: one thread each, as --threads allows
            split = Splits.prepare(request.data(), config.pipelineSpec(), config.valFraction(), config.seed());
            waitFor(request.warmUp());
        } else {
            waitFor(request.warmUp());
            split = Splits.prepare(request.data(), config.pipelineSpec(), config.valFraction(), config.seed(), engine);
        }
        return run(request, new Prepared(split, request.data().source().toAbsolutePath().normalize().toString()),
                inMemory, engine, backend, listeners);
    }

    /** Runs {@code request} on rows already prepared ({@code request.data()} is not read). */
    public static Outcome run(Request request, Prepared prepared, BatchEngine engine, Backend backend,
                              TrainingListener... listeners) {
        long started = System.nanoTime();
        waitFor(request.warmUp());
        return run(request, prepared, started, engine, backend, listeners);
    }

    private static Outcome run(Request request, Prepared prepared, long started, BatchEngine engine, Backend backend,
                               TrainingListener... listeners) {
        TrainConfig config = request.config();
        Splits split = prepared.split();
        CheckpointFile.Saved resumed = request.resumed();
        if (resumed != null && !resumed.model().pipeline().equals(split.train().pipeline())) {
            throw new SlopeException("the data in " + prepared.data() + " is not what the checkpoint was trained on (its"
                    + " preprocessing differs); resume with the same files, or train anew");
        }
        if (request.checkpoints() != null && request.data() == null) {
            throw new IllegalArgumentException("checkpoints say how to start a run again from its data: give the images");
        }
        double preparing = (System.nanoTime() - started) / 1e9;
        CheckpointFile.Writer checkpoints = request.checkpoints() == null ? null : resumed != null
                ? CheckpointFile.Writer.continuing(request.checkpoints(), resumed)
                : new CheckpointFile.Writer(request.checkpoints(), new CheckpointFile.Restart(config.toJson(),
                        request.data().source(), request.dataOptions(), request.out(), request.every()));
        GradientTrainer.Result result;
        try {
            GradientTrainer.CheckpointSink sink = checkpoints == null ? null
                    : checkpoints.sink(split.train(), config.objective().loss(), engine.kernel().name());
            result = backend.train(new GradientTrainer(config, engine), split, new GradientTrainer.Checkpointing(
                    resumed == null ? null : resumed.checkpoint(), request.every(), sink), listeners);
        } catch (RuntimeException e) {
            closeQuietly(checkpoints);
            throw e;
        }
        // the last checkpoint's writing may still fail: the trained model is saved all the same, then it is said
        String checkpointFailure = null;
        if (checkpoints != null) {
            try {
                checkpoints.close();
            } catch (RuntimeException e) {
                checkpointFailure = e.getMessage();
            }
        }
        double seconds = preparing + result.seconds();
        Evaluation test = backend.evaluate(result.model(), split.test(), engine);
        if (request.out() != null) {
            ModelFile.save(result.model(), request.out());
        }
        Summary summary = Summary.of(config, prepared.data(), split, result, test.accuracy(), test.total(), seconds,
                request.out());
        String picturesFailure = null;
        if (request.plots() != null) {
            try {
                draw(request.plots(), config, split, result, test, summary, engine);
            } catch (RuntimeException e) {
                picturesFailure = e.getMessage();
            }
        }
        return new Outcome(result, split, test, summary, checkpointFailure, picturesFailure);
    }

    /** The run folder: pictures, history and {@code run.json}. */
    private static void draw(Path plots, TrainConfig config, Splits split, GradientTrainer.Result result,
                             Evaluation test, Summary summary, BatchEngine engine) {
        RunFolder.create(plots);
        try (Progress.Task progress = Progress.start("Drawing pictures into " + plots, 1)) {
            var pictures = TrainingPictures.all(result, test, config.objective(), split.train(), engine, config.seed());
            TrainingPictures.write(pictures, plots);
            RunFolder.write(plots, summary.toJson(), result, config);
            progress.advance(1);
        }
    }

    private static void waitFor(Thread warmUp) {
        if (warmUp == null) {
            return;
        }
        try {
            warmUp.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlopeException("interrupted while the JIT warmed up", e);
        }
    }

    /** Stops a checkpoint writer after a failed run; the run's own error is the one to report. */
    private static void closeQuietly(CheckpointFile.Writer checkpoints) {
        if (checkpoints != null) {
            try {
                checkpoints.close();
            } catch (RuntimeException secondary) {
                // the run already failed; its error says what happened
            }
        }
    }
}
