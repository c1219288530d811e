package dev.slope.cli;

import dev.slope.data.ImageData;
import dev.slope.runfiles.CheckpointFile;
import dev.slope.optimize.DivergedException;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import dev.slope.optimize.GradientTrainer;
import dev.slope.io.Outputs;
import dev.slope.linalg.BatchEngine;
import dev.slope.run.Summary;
import dev.slope.run.TrainingRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slope train}: gradient descent on a dataset, then test accuracy and a saved model. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Train a linear classifier by gradient descent and save it.", "",
            "Minimizes L = (1/N) sum_i L_i(Wx_i + b, y_i) + reg * R(W) with the update W -= lr * dL/dW over"
                + " shuffled mini-batches, shows the loss as it goes, then reports train / validation / test accuracy."
                + " The defaults learn the shipped Fashion-MNIST subset to about 83%% test accuracy in a second.", "",
            "The seconds it reports (the summary line, 'seconds' in --json) count from the data in memory to the"
                + " trained model: the JIT warm-up's wait, computing features, training; not reading the files.", "",
            "With SLOPE_FEATURE_CACHE=DIR set, computed features (--features) are kept in DIR and read back by the next"
                + " run over the same images and settings.", ""},
        footer = {"", "Examples:",
            "  slope train                                   # softmax on the shipped subset",
            "  slope train --loss svm --lr 0.01 --reg 1e-3 --out svm.slope",
            "  slope train --data fashion-mnist --epochs 10  # the full set (Debian's dataset-fashion-mnist)",
            "  slope train --batch-size full --epochs 50     # full-batch gradient descent",
            "  slope train --data fashion-mnist --epochs 50 --checkpoint ckpt   # then, after a crash:",
            "  slope train --resume ckpt"})
public final class TrainCommand implements Callable<Integer>, SettingsCommand {
    /**
     * Where the gradient descent runs: this machine's engine ({@link #LOCAL}), or slope-spark's cluster for
     * {@code slope spark-train}, which is this command with another backend (the same flags, output and files).
     */
    @FunctionalInterface
    public interface Backend extends TrainingRun.Backend {
        /** The backend's own options that may go with --resume (where to run, not what to run). */
        default java.util.Set<String> optionsWithResume() {
            return java.util.Set.of();
        }
    }

    /** Gradient descent on this machine's cores. */
    public static final Backend LOCAL = TrainingRun.LOCAL::train;

    private final Backend backend;

    /** {@code slope train}: on this machine. */
    public TrainCommand() {
        this(LOCAL);
    }

    /** This command with the training run by {@code backend}. */
    public TrainCommand(Backend backend) {
        this.backend = backend;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    DataOption data;

    /** Every setting of the run, one option each, from the table. */
    final SettingsOptions settings = SettingsOptions.all();

    @Override
    public SettingsOptions settings() {
        return settings;
    }

    @Option(names = "--threads", paramLabel = "T", description = "Threads the run computes on, in every phase: reading"
            + " image folders, features, the JIT's warm-up, the loss and gradient pass (default: all"
            + " cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out", paramLabel = "FILE", description = "Where to save the model.")
    Path out = Path.of("model.slope");

    @Option(names = "--plots", paramLabel = "DIR", description = "Also write the run's pictures (loss, accuracy,"
            + " weight templates, confusion matrix, loss landscape), its history (steps.csv, epochs.csv, history.json)"
            + " and run.json into DIR; then 'slope report DIR' makes one HTML page of them.")
    Path plots;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "Save the run's state into DIR every"
            + " --checkpoint-every epochs (the weights, the update rule's and early stopping's state, and the steps"
            + " run since the last checkpoint: each save costs the model's size, however long the run; every file is"
            + " replaced whole or not at all), so a killed run continues with 'slope train --resume DIR'.")
    String checkpoint;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Epochs between checkpoints (default: 1).")
    Integer checkpointEvery;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run whose checkpoint is in DIR, with"
            + " its own settings, data and --out (give no others); it ends with the same model, bit for bit, as the"
            + " run that was never stopped.")
    String resume;

    /** Options that may go with --resume: the rest come from the checkpoint. */
    private static final java.util.Set<String> WITH_RESUME = java.util.Set.of("--resume", "--quiet", "--json",
            "--threads", "--plots");

    @Override
    public Integer call() {
        CheckpointFile.Saved saved = null;
        if (resume != null) {
            for (var o : spec.commandLine().getParseResult().matchedOptions()) {
                if (!WITH_RESUME.contains(o.longestName()) && !backend.optionsWithResume().contains(o.longestName())) {
                    throw Cli.usage(spec, o.longestName() + " does not go with --resume: a resumed run keeps the settings,"
                            + " data, --out and checkpoints of the run it continues");
                }
            }
            saved = Cli.flags(spec, () -> CheckpointFile.load(backend.checkpoints(resume)));
            checkpoint = resume;
            checkpointEvery = saved.restart().every();
            out = saved.restart().out();
            data.data = saved.restart().data().toString();
            final CheckpointFile.Saved read = saved;
            Cli.flags(spec, () -> {
                data.restore(read.restart().dataOptions());
                return null;
            });
        } else if (checkpointEvery != null && checkpoint == null) {
            throw Cli.usage(spec, "--checkpoint-every needs --checkpoint DIR");
        }
        int every = checkpointEvery == null ? 1 : checkpointEvery;
        if (checkpoint != null && every < 1) {
            throw Cli.usage(spec, "--checkpoint-every must be at least 1, got " + every);
        }
        final CheckpointFile.Saved resumed = saved;
        TrainConfig config = resumed != null ? Cli.flags(spec, () -> TrainConfig.fromJson(resumed.restart().settings()))
                : settings.config(spec);
        if (threads < 1) {
            throw Cli.usage(spec, "--threads must be at least 1, got " + threads);
        }
        Cli.flags(spec, () -> Outputs.requireWritableFile(out, "--out"));
        if (plots != null) {
            Cli.flags(spec, () -> Outputs.requireWritableFolder(plots, "--plots"));
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Thread warmUp = null;
        if (!"off".equals(System.getProperty("slope.warmUp")) && threads >= 2 && !data.imageFolders()) {
            // the JIT compiles what the run calls most (the fused step's methods for batch 1, else the pass's kernels)
            // on a small problem while one thread reads and decompresses the data: two of the --threads; the work on
            // all of them (features, training) waits for it (image folders are decoded on all of them, so no warm-up
            // runs beside them)
            warmUp = GradientTrainer.warmUp(config);
        }
        boolean replacing = java.nio.file.Files.exists(out);
        String untouched = replacing ? out + " still holds the previous model" : "no model was written";
        // before the data is read: a run stopped while it loads says so too
        Thread interrupted = new Thread(() -> {
            err.println();
            err.println(spec.qualifiedName() + ": interrupted; nothing was saved, " + untouched + ".");
            err.flush();
        });
        Runtime.getRuntime().addShutdownHook(interrupted);
        try (BatchEngine engine = new BatchEngine(threads)) {
            ImageData dataset = data.open(err, quiet, engine);
            TrainingRun.Request request = TrainingRun.Request.of(config, dataset).savingTo(out).afterWarmUp(warmUp);
            if (plots != null) {
                request = request.drawingInto(plots);
            }
            if (resumed != null) {
                request = request.resuming(resumed, backend.checkpoints(resume));
                if (!quiet) {
                    err.println("Resuming " + out + " after epoch " + resumed.checkpoint().epochsDone() + " of "
                            + config.optimizer().epochs() + " (checkpoint in " + resume + ")");
                    err.flush();
                }
            } else if (checkpoint != null) {
                request = request.checkpointing(backend.checkpoints(checkpoint), every, data.asMap());
            }
            TrainingRun.Outcome outcome;
            try {
                outcome = quiet ? TrainingRun.run(request, engine, backend)
                        : TrainingRun.run(request, engine, backend, new ProgressBar(err, System.console() != null));
            } catch (DivergedException e) {
                throw new DivergedException(n -> e.message(n) + ". Nothing was saved; " + untouched + ".",
                        e.lastGood(), e.epoch(), e.step());
            }
            Runtime.getRuntime().removeShutdownHook(interrupted);
            GradientTrainer.Result result = outcome.result();
            Summary summary = outcome.summary();
            if (common.json) {
                Cli.printJson(stdout, summary.toJson());
            } else {
                stdout.printf(Locale.ROOT, "%nTrained %s (%s, reg %s %s, update %s, lr %s) on %s in %.1fs%n",
                        config.get(Settings.LOSS), config.get(Settings.LOSS).equals("svm")
                                ? "margin " + Settings.shortNumber(config.get(Settings.MARGIN)) : "natural log",
                        config.get(Settings.REG_TYPE), Settings.shortNumber(config.get(Settings.REG)),
                        config.get(Settings.UPDATE), Settings.shortNumber(config.optimizer().lr()), dataset.name(),
                        summary.seconds());
                if (result.stoppedEarly() || config.stopping().patience() > 0 && summary.valExamples() > 0) {
                    stdout.printf(Locale.ROOT, "  early stopping kept epoch %d of %d run%s%n", result.bestEpoch(),
                            result.history().epochs().size(), result.stoppedEarly() ? " (stopped early)" : "");
                }
                stdout.printf(Locale.ROOT, "  final training loss   %.4f%n", result.finalLoss());
                stdout.printf(Locale.ROOT, "  train accuracy        %s%n", Cli.percent(result.trainAccuracy()));
                stdout.printf(Locale.ROOT, "  validation accuracy   %s%n", Cli.percent(result.validationAccuracy()));
                stdout.printf(Locale.ROOT, "  test accuracy         %s  (%d test images)%n",
                        Cli.percent(summary.testAccuracy()), summary.testExamples());
                if (summary.peakRssMib() > 0) {
                    stdout.printf(Locale.ROOT, "  peak memory           %d MiB%n", summary.peakRssMib());
                }
                stdout.printf(Locale.ROOT, "Model saved to %s%s%n", out.toAbsolutePath().normalize(),
                        replacing ? " (it replaced the model that was there)" : "");
                if (plots != null && outcome.picturesFailure() == null) {
                    stdout.printf(Locale.ROOT, "Pictures and history in %s (make one page of them: slope report %s)%n",
                            plots.toAbsolutePath().normalize(), plots);
                }
                stdout.printf(Locale.ROOT, "Next: slope evaluate --model %s%s%n", out, data.asFlag());
                stdout.flush();
            }
            if (outcome.checkpointFailure() != null) {
                err.println(spec.qualifiedName() + ": error: the model is saved in " + out + ", but the last checkpoint"
                        + " could not be written (" + outcome.checkpointFailure() + "); " + checkpoint + " holds an earlier"
                        + " one");
                err.flush();
            }
            if (outcome.picturesFailure() != null) {
                err.println(spec.qualifiedName() + ": error: the model is saved in " + out + ", but the pictures could"
                        + " not be written: " + outcome.picturesFailure());
                err.flush();
                return 1;
            }
            return outcome.checkpointFailure() == null ? 0 : 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping: the hook runs and says what happened
            }
        }
    }
}
