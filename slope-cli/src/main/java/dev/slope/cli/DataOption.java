package dev.slope.cli;

import dev.slope.data.ImageData;
import dev.slope.data.ImageFolders;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --data} option every command that reads a dataset takes. */
final class DataOption {
    @Option(names = "--data", paramLabel = "DIR", description = "Dataset folder (IDX or CIFAR-10 binary), 'fashion-mnist'"
            + " for /usr/share/datasets/fashion-mnist, or 'small' for the shipped subset (default).")
    String data;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    String imageSize;
    int height;
    int width;

    /** Checked as it is parsed, so a bad size is a usage error (exit 2) before any data is read. */
    @Option(names = "--image-size", paramLabel = "HxW", description = "Image folders: resize every image to H x W"
            + " pixels (default: keep their size, which must then be the same for all).")
    void imageSize(String text) {
        String[] hw = text.toLowerCase(java.util.Locale.ROOT).split("x", -1);
        try {
            if (hw.length != 2) {
                throw new NumberFormatException();
            }
            height = Integer.parseInt(hw[0].trim());
            width = Integer.parseInt(hw[1].trim());
        } catch (NumberFormatException e) {
            throw new ParameterException(mixee.commandLine(), "--image-size '" + text + "' is not HxW, e.g. 32x32");
        }
        if (height < 1 || width < 1 || (long) height * width > dev.slope.data.ImageFiles.MAX_PIXELS) {
            throw new ParameterException(mixee.commandLine(), "--image-size " + text + ": give both sides at least 1 and"
                    + " at most " + dev.slope.data.ImageFiles.MAX_PIXELS + " pixels in all, e.g. 32x32");
        }
        imageSize = text;
    }

    /** How image folders' pixels are read: grey (one channel) or colour (three). */
    enum Colour { GREY, COLOUR }

    @Option(names = "--colour", paramLabel = "grey|colour", description = "Image folders: read every image in grey (one"
            + " channel, the luma 0.299 R + 0.587 G + 0.114 B) or in colour (three; a grey image's value in each)"
            + " (default: as the first image is).")
    Colour colour;

    @Option(names = "--on-bad-image", paramLabel = "skip|fail", defaultValue = "skip", description = "Image folders: skip"
            + " a file that is not a readable image (each is named, with a count at the end) or stop at it.")
    ImageFolders.OnBadImage onBadImage;

    /** Opens the dataset on the calling thread, saying on stderr what was loaded and what was skipped unless quiet. */
    ImageData open(PrintWriter err, boolean quiet) {
        return open(err, quiet, dev.slope.linalg.BatchEngine.onCaller());
    }

    /** Opens the dataset, image folders decoded on {@code engine}. */
    ImageData open(PrintWriter err, boolean quiet, dev.slope.linalg.BatchEngine engine) {
        ImageData d = Cli.openData(data, options(), err, quiet, engine);
        if ((imageSize != null || colour != null) && !d.format().equals("image folders")) {
            err.println("slope: warning: --image-size and --colour apply to image folders only; " + d.format()
                    + " images are read as they are");
            err.flush();
        }
        return d;
    }

    /** How image folders are read. */
    ImageFolders.Options options() {
        ImageFolders.Options sized = ImageFolders.Options.DEFAULT.sized(height, width,
                colour == null ? 0 : colour == Colour.GREY ? 1 : 3);
        return onBadImage == null ? sized : sized.onBad(onBadImage);
    }

    /** How the data is read, by the options' own names ("image_size", "colour", "on_bad_image"): what a checkpoint keeps. */
    java.util.Map<String, String> asMap() {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        if (imageSize != null) {
            m.put("image_size", imageSize);
        }
        if (colour != null) {
            m.put("colour", colour.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (onBadImage != null) {
            m.put("on_bad_image", onBadImage.name().toLowerCase(java.util.Locale.ROOT));
        }
        return m;
    }

    /** Reads the data as {@link #asMap()} says (a resumed run reads what its checkpoint's run read). */
    void restore(java.util.Map<String, String> options) {
        if (options.containsKey("image_size")) {
            imageSize(options.get("image_size"));
        }
        if (options.containsKey("colour")) {
            colour = choice(Colour.class, "colour", options.get("colour"));
        }
        if (options.containsKey("on_bad_image")) {
            onBadImage = choice(ImageFolders.OnBadImage.class, "on_bad_image", options.get("on_bad_image"));
        }
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String key, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException("the checkpoint's " + key + " is '" + value + "', which this Slope does not"
                + " know (" + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT)
                + "); train anew");
    }

    /** True when --data names image folders (read on the command's threads, not by one reader thread). */
    boolean imageFolders() {
        try {
            return ImageFolders.looksLike(dev.slope.data.Datasets.resolve(data, Cli.home()));
        } catch (RuntimeException e) {
            return false; // opening it says what is wrong
        }
    }

    /** " --data X" when one was given, for hints that repeat the command. */
    String asFlag() {
        return data == null ? "" : " --data " + data;
    }
}
