package dev.slope.cli;

import dev.slope.data.ImageData;
import dev.slope.eval.Evaluation;
import dev.slope.io.ModelFile;
import dev.slope.objective.FusedPass;
import dev.slope.optimize.DivergedException;
import dev.slope.optimize.LearningRateSchedule;
import dev.slope.optimize.UpdateRules;
import dev.slope.optimize.TrainConfig;
import dev.slope.optimize.GradientTrainer;
import dev.slope.io.RunFolder;
import dev.slope.linalg.BatchEngine;
import dev.slope.preprocess.Splits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slope train}: gradient descent on a dataset, then test accuracy and a saved model. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Train a linear classifier by gradient descent and save it.", "",
            "Minimizes L = (1/N) sum_i L_i(Wx_i + b, y_i) + reg * R(W) with the update W -= lr * dL/dW over",
            "shuffled mini-batches, shows the loss as it goes, then reports train / validation / test accuracy.",
            "The defaults learn the shipped Fashion-MNIST subset to about 83%% test accuracy in a second.", ""},
        footer = {"", "Examples:",
            "  slope train                                   # softmax on the shipped subset",
            "  slope train --loss svm --lr 0.01 --reg 1e-3 --out svm.slope",
            "  slope train --data fashion-mnist --epochs 10  # the full set (Debian's dataset-fashion-mnist)",
            "  slope train --batch-size full --epochs 50     # full-batch gradient descent"})
final class TrainCommand implements Callable<Integer> {
    /** "full" or a whole number. */
    static final class BatchSizeConverter implements picocli.CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (value.equalsIgnoreCase("full")) {
                return TrainConfig.FULL_BATCH;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a batch size: give a whole"
                        + " number such as 200, or 'full'");
            }
        }
    }

    private static final TrainConfig D = TrainConfig.DEFAULTS;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    DataOption data;

    @Option(names = "--loss", paramLabel = "svm|softmax", description = "Data loss: multiclass SVM (hinge) or softmax"
            + " cross-entropy.")
    String loss = D.loss();

    @Option(names = "--margin", paramLabel = "DELTA", description = "SVM margin.")
    double margin = D.margin();

    @Option(names = "--squared-hinge", description = "SVM: square each hinge term.")
    boolean squaredHinge = D.squaredHinge();

    @Option(names = "--reg-type", paramLabel = "none|l2|l1|elasticnet", description = "Regularizer R(W).")
    String regType = D.regType();

    @Option(names = "--reg", paramLabel = "LAMBDA", description = "Regularization strength.")
    double reg = D.reg();

    @Option(names = "--elastic-beta", paramLabel = "BETA", description = "Elastic net R(W) = sum(beta W^2 + |W|).")
    double elasticBeta = D.elasticBeta();

    @Option(names = "--penalize-bias", description = "Also regularize the bias.")
    boolean penalizeBias = D.penalizeBias();

    @Option(names = "--lr", paramLabel = "ETA", description = "Learning rate.")
    double lr = D.lr();

    @Option(names = "--batch-size", paramLabel = "B|full", converter = BatchSizeConverter.class, description = "Examples"
            + " per step: 1 = stochastic, 32..512 = mini-batch, 'full' = the whole training split.")
    int batchSize = D.batchSize();

    @Option(names = "--epochs", paramLabel = "E", description = "Passes over the training split.")
    int epochs = D.epochs();

    @Option(names = "--seed", paramLabel = "S", description = "Seed: the same seed repeats a run exactly.")
    long seed = D.seed();

    @Option(names = "--sampling", paramLabel = "shuffle|replacement", description = "Batches from a shuffled epoch, or"
            + " drawn with replacement.")
    TrainConfig.Sampling sampling = D.sampling();

    @Option(names = "--val-fraction", paramLabel = "F", description = "Share of the training images held out for"
            + " validation.")
    double valFraction = D.valFraction();

    @Option(names = "--init-scale", paramLabel = "SIGMA", description = "Initial W ~ SIGMA * N(0, 1).")
    double initScale = D.initScale();

    @Option(names = "--bias-trick", negatable = true, fallbackValue = "true", description = "Fold the bias into W as a"
            + " last column (x gets a 1 appended); --no-bias-trick keeps a separate b.")
    boolean biasTrick = D.biasTrick();

    @Option(names = "--mean-image", negatable = true, fallbackValue = "true", description = "Subtract the mean training"
            + " image.")
    boolean meanImage = D.meanImage();

    @Option(names = "--update", paramLabel = "RULE", description = "Update rule: sgd, momentum, nesterov, adagrad,"
            + " rmsprop, adam.")
    String update = D.update();

    @Option(names = "--momentum", paramLabel = "MU", description = "Momentum and Nesterov: velocity decay.")
    double momentum = D.rule().momentum();

    @Option(names = "--decay-rate", paramLabel = "RHO", description = "RMSProp: decay of the running mean of g^2.")
    double decayRate = D.rule().decay();

    @Option(names = "--beta1", paramLabel = "B1", description = "Adam: decay of the first moment.")
    double beta1 = D.rule().beta1();

    @Option(names = "--beta2", paramLabel = "B2", description = "Adam: decay of the second moment.")
    double beta2 = D.rule().beta2();

    @Option(names = "--epsilon", paramLabel = "EPS", description = "AdaGrad, RMSProp, Adam: added to the root.")
    double epsilon = D.rule().epsilon();

    @Option(names = "--lr-schedule", paramLabel = "KIND", description = "constant, step (lr * decay^floor(epoch /"
            + " step-epochs)), exponential (lr * e^(-decay * epoch)), inverse (lr / (1 + decay * epoch)), cosine.")
    String lrSchedule = D.schedule().kind();

    @Option(names = "--lr-decay", paramLabel = "GAMMA", description = "Decay of the step, exponential and inverse"
            + " schedules.")
    double lrDecay = D.schedule().decay();

    @Option(names = "--lr-step-epochs", paramLabel = "K", description = "Epochs between drops of the step schedule.")
    double lrStepEpochs = D.schedule().stepEpochs();

    @Option(names = "--warmup-steps", paramLabel = "W", description = "Ramp the rate up linearly over the first W"
            + " steps.")
    long warmupSteps = D.schedule().warmupSteps();

    @Option(names = "--patience", paramLabel = "P", description = "Early stopping: stop after P epochs without a"
            + " better validation figure and keep the best weights (0 = off).")
    int patience = D.patience();

    @Option(names = "--monitor", paramLabel = "accuracy|loss", description = "What early stopping watches on the"
            + " validation split.")
    TrainConfig.Monitor monitor = D.monitor();

    @Option(names = "--max-norm", paramLabel = "R", description = "Scale each class's weight row back to norm R when"
            + " it grows past it (0 = off).")
    double maxNorm = D.maxNorm();

    @Option(names = "--threads", paramLabel = "T", description = "Threads for the loss and gradient pass (default: all"
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

    private void writeRunFolder(TrainConfig config, Splits split, GradientTrainer.Result result, Evaluation test,
                                FusedPass pass, Map<String, Object> json, PrintWriter err) {
        RunFolder.create(plots);
        if (!quiet) {
            err.println("Drawing pictures into " + plots + " ...");
            err.flush();
        }
        var pictures = dev.slope.viz.TrainingPictures.all(result.model(), result.history(), test, config.objective(),
                split.train(), pass, config.seed());
        dev.slope.viz.TrainingPictures.write(pictures, plots);
        RunFolder.write(plots, json, result, config);
    }

    @Override
    public Integer call() {
        TrainConfig config = Cli.flags(spec, () -> TrainConfig.builder().loss(loss).margin(margin)
                .squaredHinge(squaredHinge).regType(regType).reg(reg).elasticBeta(elasticBeta).penalizeBias(penalizeBias)
                .lr(lr).batchSize(batchSize).epochs(epochs).seed(seed).sampling(sampling).valFraction(valFraction)
                .initScale(initScale).biasTrick(biasTrick).meanImage(meanImage).update(update)
                .rule(new UpdateRules.Settings(momentum, decayRate, beta1, beta2, epsilon))
                .schedule(new LearningRateSchedule(lrSchedule, lrDecay, lrStepEpochs, warmupSteps)).patience(patience)
                .monitor(monitor).maxNorm(maxNorm).build());
        if (threads < 1) {
            throw Cli.usage(spec, "--threads must be at least 1, got " + threads);
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        ImageData dataset = data.open(err, quiet);
        try (BatchEngine engine = new BatchEngine(threads)) {
            GradientTrainer trainer = new GradientTrainer(config, engine);
            Splits split = Splits.prepare(dataset, config.pipelineSpec(), config.valFraction(), config.seed());
            GradientTrainer.Result result;
            try {
                result = quiet ? trainer.train(split.train(), split.validation())
                        : trainer.train(split.train(), split.validation(), new ProgressBar(err, System.console() != null));
            } catch (DivergedException e) {
                throw new DivergedException(e.getMessage() + ". Nothing was written"
                        + (java.nio.file.Files.exists(out) ? "; " + out + " still holds the previous model" : "") + ".",
                        e.lastGood(), e.epoch(), e.step());
            }
            Evaluation test = Evaluation.of(result.model(), split.test(), engine);
            ModelFile.save(result.model(), out);
            Map<String, Object> json = RunFolder.summary(config, dataset.source(), split, result, test,
                    engine.kernel().name(), out);
            if (plots != null) {
                writeRunFolder(config, split, result, test, new FusedPass(engine), json, err);
            }
            if (common.json) {
                Cli.printJson(stdout, json);
            } else {
                stdout.printf(Locale.ROOT, "%nTrained %s (%s, reg %s %.3g, update %s, lr %.3g) on %s in %.1fs%n",
                        config.loss(), config.loss().equals("svm") ? "margin " + config.margin() : "natural log",
                        config.regType(), config.reg(), config.update(), config.lr(), dataset.name(), result.seconds());
                if (result.stoppedEarly() || config.patience() > 0) {
                    stdout.printf(Locale.ROOT, "  early stopping kept epoch %d of %d run%s%n", result.bestEpoch(),
                            result.history().epochs().size(), result.stoppedEarly() ? " (stopped early)" : "");
                }
                stdout.printf(Locale.ROOT, "  final training loss   %.4f%n", result.finalLoss());
                stdout.printf(Locale.ROOT, "  train accuracy        %s%n", Cli.percent(result.trainAccuracy()));
                stdout.printf(Locale.ROOT, "  validation accuracy   %s%n", Cli.percent(result.validationAccuracy()));
                stdout.printf(Locale.ROOT, "  test accuracy         %s  (%d test images)%n", Cli.percent(test.accuracy()),
                        test.total());
                stdout.printf(Locale.ROOT, "Model saved to %s%n", out.toAbsolutePath().normalize());
                if (plots != null) {
                    stdout.printf(Locale.ROOT, "Pictures and history in %s (make one page of them: slope report %s)%n",
                            plots.toAbsolutePath().normalize(), plots);
                }
                stdout.printf(Locale.ROOT, "Next: slope evaluate --model %s%s%n", out, data.asFlag());
                stdout.flush();
            }
            return 0;
        }
    }
}
