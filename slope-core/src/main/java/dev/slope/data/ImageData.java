package dev.slope.data;

import java.nio.file.Path;

/**
 * A dataset as it comes from disk: its training and test images.
 *
 * @param name   a short name ("fashion-mnist-small", "cifar-10")
 * @param source the folder it was read from
 * @param format the file format ("IDX", "CIFAR-10 binary")
 */
public record ImageData(String name, Path source, String format, ImageSet train, ImageSet test) {
    public String describe() {
        return name + " (" + format + ", " + source + "): train " + train.describe() + "; test " + test.size() + " images";
    }
}
