package dev.slope.spark;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The main of {@code ./slope spark-train}: {@link SparkTrain} with the command line's exit codes (0 success, 1 data or
 * runtime error, 2 usage error), and the masters this launcher cannot reach (YARN, Kubernetes: it carries neither
 * client) refused up front with the spark-submit command to use instead. spark-submit runs {@link SparkTrain#main}.
 */
public final class SparkTrainLauncher {
    private SparkTrainLauncher() {
    }

    public static void main(String[] args) {
        dev.slope.run.Environment.adopt();
        String refused = SparkTrain.launcherRefuses(args);
        if (refused != null) {
            System.err.println("slope spark-train: " + refused);
            System.exit(CommandLine.ExitCode.USAGE);
        }
        int code;
        try {
            code = SparkTrain.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        } catch (OutOfMemoryError e) {
            System.err.println("slope spark-train: error: out of memory; give the driver more, e.g."
                    + " SLOPE_JAVA_OPTS=-Xmx8g ./slope spark-train ...");
            code = CommandLine.ExitCode.SOFTWARE;
        }
        System.exit(code);
    }
}
