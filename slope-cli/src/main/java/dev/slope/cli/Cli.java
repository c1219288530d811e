package dev.slope.cli;

import com.google.gson.Gson;
import dev.slope.FieldNames;
import dev.slope.data.Datasets;
import dev.slope.data.ImageData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Small helpers the commands share: where Slope lives, data loading, JSON, number formats, flag errors. */
final class Cli {
    static final Gson JSON = dev.slope.io.Json.COMPACT;

    private Cli() {
    }

    /** The Slope folder (set by the launcher as -Dslope.home), else the working directory. */
    static Path home() {
        String home = System.getProperty("slope.home");
        return home == null ? Path.of(".") : Path.of(home);
    }

    /** Resolves and opens a {@code --data} value, saying on stderr what was loaded. */
    static ImageData openData(String spec, PrintWriter err, boolean quiet) {
        return openData(spec, dev.slope.data.ImageFolders.Options.DEFAULT, err, quiet);
    }

    /** Resolves and opens a {@code --data} value, saying on stderr what was loaded and every file skipped. */
    static ImageData openData(String spec, dev.slope.data.ImageFolders.Options options, PrintWriter err, boolean quiet) {
        return openData(spec, options, err, quiet, dev.slope.linalg.BatchEngine.onCaller());
    }

    /** As above, image folders decoded on {@code engine} (the command's, bounded by its --threads). */
    static ImageData openData(String spec, dev.slope.data.ImageFolders.Options options, PrintWriter err, boolean quiet,
                              dev.slope.linalg.BatchEngine engine) {
        Path dir = Datasets.resolve(spec, home());
        long t0 = System.nanoTime();
        ImageData data = Datasets.open(dir, options, engine);
        for (String w : data.warnings()) {
            err.println("slope: warning: " + w);
        }
        if (!data.warnings().isEmpty()) {
            err.println("slope: warning: " + count(data.warnings().size(), "file") + " skipped (--on-bad-image fail stops at"
                    + " the first instead)");
        }
        if (!quiet) {
            err.printf(Locale.ROOT, "Loaded %s in %.1fs%n", data.describe(), (System.nanoTime() - t0) / 1e9);
        }
        err.flush();
        return data;
    }

    /** Runs a builder that validates flags; its IllegalArgumentException becomes a usage error (exit 2). */
    static <T> T flags(CommandSpec spec, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), FieldNames.FLAGS.messageOf(e), e);
        }
    }

    static CommandLine.ParameterException usage(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    static void printJson(PrintWriter out, Object value) {
        out.println(JSON.toJson(value));
        out.flush();
    }

    /** "1 epoch", "20 epochs". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    /** Rounds for JSON so that reports stay readable (accuracies to 1e-6, seconds to 1 ms). */
    static double round(double v, int digits) {
        return dev.slope.io.Json.round(v, digits);
    }
}
