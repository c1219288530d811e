package dev.slope.data;

import dev.slope.InvalidValueException;
import dev.slope.SlopeException;
import dev.slope.linalg.BatchEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Image files in the usual layout, one folder per class: {@code root/train/<class>/*.png} and
 * {@code root/test/<class>/*.png}, or {@code root/<class>/*.png} split into training and test images with a
 * seed. Class names are the folder names, in alphabetical order. Images are read on all cores, converted
 * to the channels asked for and, with a size given, resized; without one they must all have the size of
 * the first. A file that is not a readable image is skipped with a warning naming it, or is fatal.
 */
public final class ImageFolders {
    /** The extensions read as images (case-insensitive). */
    public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "gif");
    /** The share of images held out as the test split when the folder has no train/ and test/. */
    public static final double TEST_FRACTION = 0.2;

    private ImageFolders() {
    }

    /** What to do with a file that is not a readable image. */
    public enum OnBadImage { SKIP, FAIL }

    /**
     * How to read the images.
     *
     * @param height   the height to resize to, or 0 to keep the images' own size (they must then all agree)
     * @param width    the width to resize to, or 0
     * @param channels 1 (grey) or 3 (colour), or 0 to take the first image's
     * @param seed     splits a folder without train/ and test/
     */
    public record Options(int height, int width, int channels, OnBadImage onBadImage, long seed) {
        public static final Options DEFAULT = new Options(0, 0, 0, OnBadImage.SKIP, 1);

        public Options {
            // 0x0 means "keep the images' own size"; anything else is a size to scale to
            if (height < 0 || width < 0 || (height == 0) != (width == 0) || (long) height * width > ImageFiles.MAX_PIXELS) {
                throw new InvalidValueException(n -> n.name("image_size") + " must be HxW with both at least 1 and at most "
                        + ImageFiles.MAX_PIXELS + " pixels, got " + height + "x" + width);
            }
            if (channels != 0 && channels != 1 && channels != 3) {
                throw new IllegalArgumentException("images are read as 1 or 3 channels, not " + channels);
            }
        }

        /** These options reading the images at height×width×channels (0×0×0: as they are). */
        public Options sized(int height, int width, int channels) {
            return new Options(height, width, channels, onBadImage, seed);
        }

        /** These options skipping or stopping at an unreadable file. */
        public Options onBad(OnBadImage what) {
            return new Options(height, width, channels, what, seed);
        }
    }

    /** True when the folder looks like image folders: train/ and test/ of class folders, or class folders. */
    public static boolean looksLike(Path dir) {
        if (Files.isDirectory(dir.resolve("train")) && Files.isDirectory(dir.resolve("test"))) {
            return !classFolders(dir.resolve("train")).isEmpty();
        }
        return classFolders(dir).stream().anyMatch(c -> !images(c).isEmpty());
    }

    /** Reads image folders on the calling thread. */
    public static ImageData read(Path root, Options options) {
        return read(root, options, BatchEngine.onCaller());
    }

    /** Reads image folders, decoding the files on {@code engine}'s threads (owned by the caller). */
    public static ImageData read(Path root, Options options, BatchEngine engine) {
        String name = root.toAbsolutePath().normalize().getFileName() == null ? "images"
                : root.toAbsolutePath().normalize().getFileName().toString();
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        if (Files.isDirectory(root.resolve("train")) && Files.isDirectory(root.resolve("test"))) {
            List<String> classes = names(classFolders(root.resolve("train")));
            if (classes.isEmpty()) {
                throw new SlopeException(root.resolve("train") + ": no class folders; put each class's images in a folder"
                        + " named after the class (train/cat/1.png, train/dog/2.png, ...)");
            }
            Found train = list(root.resolve("train"), classes);
            Found test = list(root.resolve("test"), classes);
            for (String extra : names(classFolders(root.resolve("test")))) {
                if (!classes.contains(extra)) {
                    warnings.add(root.resolve("test").resolve(extra) + ": no class '" + extra + "' in train/, so its images"
                            + " are left out; name the folder as in train/ " + classes);
                }
            }
            Shape shape = shape(train, options);
            return new ImageData(name, root, "image folders", load(train, classes, shape, options, warnings, engine),
                    load(test, classes, shape, options, warnings, engine), warnings);
        }
        List<Path> folders = classFolders(root);
        if (folders.isEmpty()) {
            throw new SlopeException(root + ": no class folders; put each class's images in a folder named after the"
                    + " class (" + root.resolve("cat/1.png") + ", " + root.resolve("dog/2.png") + ", ...), or train/ and"
                    + " test/ folders of them");
        }
        List<String> classes = names(folders);
        Found all = list(root, classes);
        Shape shape = shape(all, options);
        ImageSet images = load(all, classes, shape, options, warnings, engine);
        Split split = Split.holdOut(images, TEST_FRACTION, options.seed());
        return new ImageData(name, root, "image folders", split.train(), split.validation(), warnings);
    }

    private record Found(List<Path> files, List<Integer> labels) {
    }

    private record Shape(int height, int width, int channels) {
    }

    private static List<Path> classFolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new SlopeException(dir + ": cannot list the folder: " + e.getMessage(), e);
        }
    }

    private static List<String> names(List<Path> folders) {
        return folders.stream().map(p -> p.getFileName().toString()).toList();
    }

    private static List<Path> images(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new SlopeException(folder + ": cannot list the folder: " + e.getMessage(), e);
        }
    }

    /** Every file of every class folder (under {@code dir}), labelled by the class's index. */
    private static Found list(Path dir, List<String> classes) {
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            Path folder = dir.resolve(classes.get(c));
            List<Path> in = Files.isDirectory(folder) ? images(folder) : List.of();
            if (in.isEmpty()) {
                throw new SlopeException(folder + ": no images for the class '" + classes.get(c) + "'; every class needs"
                        + " images in its folder (" + String.join(", ", EXTENSIONS) + ")");
            }
            for (Path f : in) {
                files.add(f);
                labels.add(c);
            }
        }
        return new Found(files, labels);
    }

    /** The size to read at: the one asked for, or the first readable image's. */
    private static Shape shape(Found found, Options options) {
        for (Path f : found.files()) {
            if (!isImageName(f)) {
                continue;
            }
            try {
                ImageFiles.size(f); // refuses a lying header before decoding
                var img = ImageIO.read(f.toFile());
                if (img != null) {
                    int channels = options.channels() != 0 ? options.channels()
                            : img.getColorModel().getNumColorComponents() == 1 ? 1 : 3;
                    return options.height() > 0 ? new Shape(options.height(), options.width(), channels)
                            : new Shape(img.getHeight(), img.getWidth(), channels);
                }
            } catch (IOException | RuntimeException e) {
                // not an image: load() names it
            }
        }
        throw new SlopeException(found.files().get(0).getParent().getParent() + ": no readable image (" + String.join(", ",
                EXTENSIONS) + ")");
    }

    static boolean isImageName(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1));
    }

    /** Reads every file on the engine; the unreadable ones are skipped (with a warning) or fatal. */
    private static ImageSet load(Found found, List<String> classes, Shape shape, Options options, List<String> warnings,
                                 BatchEngine engine) {
        int n = found.files().size();
        int per = shape.height() * shape.width() * shape.channels();
        byte[][] pixels = new byte[n][];
        SlopeException[] problems = new SlopeException[n];
        boolean resize = options.height() > 0;
        try (dev.slope.Progress.Task progress = dev.slope.Progress.start("Reading images", n)) {
            engine.run(0, n, Math.max(1, Math.min(engine.threads(), n)), (part, from, to) -> {
                for (int i = from; i < to; i++, progress.advance(1)) {
                    Path f = found.files().get(i);
                    try {
                        if (!isImageName(f)) {
                            throw new DataFormatException(f, -1, "not an image file (" + String.join(", ", EXTENSIONS) + ")");
                        }
                        pixels[i] = ImageFiles.read(f, shape.height(), shape.width(), shape.channels(), resize);
                    } catch (SlopeException e) {
                        problems[i] = e;
                    } catch (RuntimeException e) {
                        problems[i] = new SlopeException(f + ": cannot decode the image: " + e.getMessage(), e);
                    }
                }
            });
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (problems[i] == null) {
                kept.add(i);
                continue;
            }
            boolean mixedSize = problems[i].getMessage().contains("images of mixed sizes");
            if (options.onBadImage() == OnBadImage.FAIL || mixedSize) {
                SlopeException problem = problems[i];
                throw new SlopeException(names -> problem.message(names)
                        + (mixedSize ? "" : " (" + names.name("on_bad_image") + " skip would skip it)"), problem);
            }
            warnings.add("skipped " + problems[i].getMessage());
        }
        long bytes = (long) kept.size() * per;
        if (bytes > Integer.MAX_VALUE - 8) {
            int count = kept.size();
            throw new SlopeException(names -> count + " images of " + shape.height() + "x" + shape.width() + "x"
                    + shape.channels() + " are over 2 GB of pixels; scale them down with " + names.name("image_size") + " HxW");
        }
        byte[] all = new byte[(int) bytes];
        int[] labels = new int[kept.size()];
        for (int k = 0; k < kept.size(); k++) {
            System.arraycopy(pixels[kept.get(k)], 0, all, k * per, per);
            labels[k] = found.labels().get(kept.get(k));
        }
        return new ImageSet(all, labels, shape.height(), shape.width(), shape.channels(), classes);
    }
}
