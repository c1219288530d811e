package dev.slope.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A dataset as it comes from disk: its training and test images, and what was skipped on the way.
 *
 * @param name     a short name ("fashion-mnist-small", "cifar-10")
 * @param source   the folder it was read from
 * @param format   the file format ("IDX", "CIFAR-10 binary", "image folders")
 * @param warnings one line per file that could not be read and was skipped (empty for formats that skip nothing)
 */
public record ImageData(String name, Path source, String format, ImageSet train, ImageSet test, List<String> warnings) {
    public ImageData {
        warnings = List.copyOf(warnings);
    }

    public ImageData(String name, Path source, String format, ImageSet train, ImageSet test) {
        this(name, source, format, train, test, List.of());
    }

    public String describe() {
        return name + " (" + format + ", " + source + "): train " + train.describe() + "; test " + test.size() + " images";
    }
}
