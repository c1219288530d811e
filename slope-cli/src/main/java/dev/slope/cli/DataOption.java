package dev.slope.cli;

import dev.slope.data.ImageData;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The {@code --data} option every command that reads a dataset takes. */
final class DataOption {
    @Option(names = "--data", paramLabel = "DIR", description = "Dataset folder (IDX or CIFAR-10 binary), 'fashion-mnist'"
            + " for /usr/share/datasets/fashion-mnist, or 'small' for the shipped subset (default).")
    String data;

    /** Opens the dataset, saying on stderr what was loaded unless quiet. */
    ImageData open(PrintWriter err, boolean quiet) {
        return Cli.openData(data, err, quiet);
    }

    /** " --data X" when one was given, for hints that repeat the command. */
    String asFlag() {
        return data == null ? "" : " --data " + data;
    }
}
