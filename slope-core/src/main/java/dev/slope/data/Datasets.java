package dev.slope.data;

import dev.slope.SlopeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Finds and opens a dataset folder, picking the reader from what the folder holds.
 *
 * <ul>
 *   <li>IDX (MNIST, Fashion-MNIST): {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 *       {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each raw or {@code .gz}
 *       (the dotted names {@code train-images.idx3-ubyte} work too); class names from an optional
 *       {@code classes.txt}, one per line.</li>
 *   <li>CIFAR-10 binary: {@code data_batch_1.bin} .. {@code test_batch.bin}, or a
 *       {@code cifar-10-batches-bin} folder inside the one given.</li>
 *   <li>Image folders ({@link ImageFolders}): {@code train/<class>/*.png} and {@code test/<class>/*.png}, or
 *       {@code <class>/*.png} split by a seed.</li>
 * </ul>
 */
public final class Datasets {
    /** Where Debian's package {@code dataset-fashion-mnist} installs the full Fashion-MNIST. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    /** The shipped subset, relative to the project folder. */
    public static final String SHIPPED = "data/fashion-mnist-small";
    public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private Datasets() {
    }

    /**
     * Resolves a {@code --data} value: {@code fashion-mnist} names the full set where Debian installs it,
     * {@code small} (or nothing) the shipped subset under {@code home}; anything else is a folder.
     */
    public static Path resolve(String spec, Path home) {
        if (spec == null || spec.isBlank() || spec.equals("small") || spec.equals("fashion-mnist-small")) {
            Path shipped = (home == null ? Path.of(".") : home).resolve(SHIPPED);
            if (!Files.isDirectory(shipped)) {
                throw new SlopeException(n -> "the shipped dataset is not at " + shipped.toAbsolutePath()
                        + "; run from the Slope folder or pass " + n.name("data") + " DIR");
            }
            return shipped;
        }
        if (spec.equals("fashion-mnist")) {
            if (!Files.isDirectory(DEBIAN_FASHION_MNIST)) {
                throw new SlopeException(n -> "the full Fashion-MNIST is not installed at " + DEBIAN_FASHION_MNIST
                        + ": install Debian's package dataset-fashion-mnist (apt-get install dataset-fashion-mnist)"
                        + " or pass " + n.name("data") + " DIR with the IDX files");
            }
            return DEBIAN_FASHION_MNIST;
        }
        return Path.of(spec);
    }

    /** Opens a dataset folder (see the class comment for what it may hold). */
    public static ImageData open(Path dir) {
        return open(dir, ImageFolders.Options.DEFAULT);
    }

    /** Opens a dataset folder; image folders are read with the given options, on the calling thread. */
    public static ImageData open(Path dir, ImageFolders.Options imageOptions) {
        return open(dir, imageOptions, dev.slope.linalg.BatchEngine.onCaller());
    }

    /** Opens a dataset folder; image folders are read with the given options, decoded on {@code engine}. */
    public static ImageData open(Path dir, ImageFolders.Options imageOptions, dev.slope.linalg.BatchEngine engine) {
        if (!Files.exists(dir)) {
            throw new SlopeException(n -> dir + ": no such folder; pass " + n.name("data")
                    + " with a folder of IDX or CIFAR-10 files, or " + n.name("data") + " fashion-mnist");
        }
        if (!Files.isDirectory(dir)) {
            throw new SlopeException(n -> dir + ": not a folder; " + n.name("data") + " takes the folder that holds the dataset"
                    + " files");
        }
        if (!Files.isReadable(dir)) {
            throw new SlopeException(dir + ": folder not readable (check its permissions)");
        }
        Path cifar = dir.resolve("cifar-10-batches-bin");
        if (Files.isDirectory(cifar) && Cifar10Reader.looksLike(cifar)) {
            return Cifar10Reader.read(cifar);
        }
        if (Cifar10Reader.looksLike(dir)) {
            return Cifar10Reader.read(dir);
        }
        Path trainImages = findIdx(dir, "train", "images", 3);
        if (trainImages != null) {
            Path trainLabels = require(dir, "train", "labels", 1);
            Path testImages = require(dir, "t10k", "images", 3);
            Path testLabels = require(dir, "t10k", "labels", 1);
            List<String> names = idxClassNames(dir, trainLabels);
            String name = dir.toAbsolutePath().normalize().getFileName() == null ? "idx"
                    : dir.toAbsolutePath().normalize().getFileName().toString();
            return new ImageData(name, dir, "IDX", IdxReader.readImageSet(trainImages, trainLabels, names),
                    IdxReader.readImageSet(testImages, testLabels, names));
        }
        if (ImageFolders.looksLike(dir)) {
            return ImageFolders.read(dir, imageOptions, engine);
        }
        throw new SlopeException(dir + ": no dataset found: expected IDX files (train-images-idx3-ubyte[.gz], "
                + "train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]) or CIFAR-10 "
                + "binary batches (data_batch_1.bin .. data_batch_5.bin, test_batch.bin), or image folders (one folder of"
                + " images per class, optionally inside train/ and test/)");
    }

    private static Path require(Path dir, String split, String kind, int dims) {
        Path p = findIdx(dir, split, kind, dims);
        if (p == null) {
            throw new SlopeException(dir + ": missing " + split + "-" + kind + "-idx" + dims + "-ubyte[.gz]; an IDX dataset"
                    + " needs train and t10k images and labels");
        }
        return p;
    }

    private static Path findIdx(Path dir, String split, String kind, int dims) {
        for (String sep : List.of("-", ".")) {
            for (String ext : List.of("", ".gz")) {
                Path p = dir.resolve(split + "-" + kind + sep + "idx" + dims + "-ubyte" + ext);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    private static List<String> idxClassNames(Path dir, Path labels) {
        Path listed = dir.resolve("classes.txt");
        if (Files.isRegularFile(listed)) {
            return ClassNames.read(listed);
        }
        if (dir.toAbsolutePath().toString().toLowerCase().contains("fashion")) {
            return FASHION_CLASSES;
        }
        int classes = IdxReader.classCountOf(labels);
        return IntStream.range(0, Math.max(classes, 2)).mapToObj(Integer::toString).toList();
    }
}
