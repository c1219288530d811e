package dev.slope.cli;

import dev.slope.data.ImageData;
import dev.slope.data.ImageFolders;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The {@code --data} option every command that reads a dataset takes. */
final class DataOption {
    @Option(names = "--data", paramLabel = "DIR", description = "Dataset folder (IDX or CIFAR-10 binary), 'fashion-mnist'"
            + " for /usr/share/datasets/fashion-mnist, or 'small' for the shipped subset (default).")
    String data;

    @Option(names = "--image-size", paramLabel = "HxW", description = "Image folders: resize every image to H x W"
            + " pixels (default: keep their size, which must then be the same for all).")
    String imageSize;

    @Option(names = "--on-bad-image", paramLabel = "skip|fail", defaultValue = "skip", description = "Image folders: skip"
            + " a file that is not a readable image (each is named, with a count at the end) or stop at it.")
    ImageFolders.OnBadImage onBadImage;

    /** Opens the dataset, saying on stderr what was loaded and what was skipped unless quiet. */
    ImageData open(PrintWriter err, boolean quiet) {
        return Cli.openData(data, options(), err, quiet);
    }

    /** How image folders are read. */
    ImageFolders.Options options() {
        int h = 0;
        int w = 0;
        if (imageSize != null) {
            String[] hw = imageSize.toLowerCase(java.util.Locale.ROOT).split("x");
            try {
                h = Integer.parseInt(hw[0].trim());
                w = Integer.parseInt(hw[1].trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--image-size '" + imageSize + "' is not HxW, e.g. 32x32");
            }
        }
        return new ImageFolders.Options(h, w, 0, onBadImage == null ? ImageFolders.OnBadImage.SKIP : onBadImage, 1);
    }

    /** " --data X" when one was given, for hints that repeat the command. */
    String asFlag() {
        return data == null ? "" : " --data " + data;
    }
}
