package dev.slope.data;

import dev.slope.SlopeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the binary version of CIFAR-10 ({@code cifar-10-batches-bin}): files {@code data_batch_1.bin}
 * .. {@code data_batch_5.bin} and {@code test_batch.bin}, each a run of 3073-byte records (one label
 * byte 0..9, then 1024 red, 1024 green and 1024 blue bytes of a 32×32 image, rows first), and
 * {@code batches.meta.txt} with the class names, one per line. Pixels are reordered to channels-last.
 */
public final class Cifar10Reader {
    public static final int SIDE = 32;
    public static final int CHANNELS = 3;
    public static final int PLANE = SIDE * SIDE;
    public static final int RECORD = 1 + PLANE * CHANNELS;
    static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");
    static final String TEST_FILE = "test_batch.bin";
    static final String META_FILE = "batches.meta.txt";

    private Cifar10Reader() {
    }

    /** True when the folder looks like CIFAR-10's binary version. */
    public static boolean looksLike(Path dir) {
        return Files.isRegularFile(dir.resolve(TRAIN_FILES.get(0))) || Files.isRegularFile(dir.resolve(TEST_FILE));
    }

    /** Reads the training batches that are present (at least one) and the test batch. */
    public static ImageData read(Path dir) {
        List<String> names = classNames(dir);
        List<Path> train = new ArrayList<>();
        for (String f : TRAIN_FILES) {
            if (Files.exists(dir.resolve(f))) {
                train.add(dir.resolve(f));
            }
        }
        if (train.isEmpty()) {
            throw new SlopeException(dir + ": no training batch found: expected data_batch_1.bin .. data_batch_5.bin");
        }
        Path test = dir.resolve(TEST_FILE);
        IdxReader.requireReadableFile(test);
        return new ImageData("cifar-10", dir, "CIFAR-10 binary", readBatches(train, names), readBatches(List.of(test), names));
    }

    /** Reads one or more batch files into one set. */
    public static ImageSet readBatches(List<Path> files, List<String> classNames) {
        long records = 0;
        for (Path f : files) {
            IdxReader.requireReadableFile(f);
            long size = size(f);
            if (size == 0 || size % RECORD != 0) {
                throw new DataFormatException(f, size - size % RECORD, "size " + size + " is not a multiple of " + RECORD
                        + " (1 label byte + 3072 pixel bytes per image); the file is truncated or not a CIFAR-10 batch");
            }
            records += size / RECORD;
        }
        if (records * PLANE * CHANNELS > IdxReader.MAX_BYTES) {
            throw new SlopeException("the batches hold " + records + " images, too many for one image set");
        }
        int n = (int) records;
        byte[] pixels = new byte[n * PLANE * CHANNELS];
        int[] labels = new int[n];
        byte[] record = new byte[RECORD];
        int i = 0;
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                for (long r = 0, count = size(f) / RECORD; r < count; r++, i++) {
                    if (in.readNBytes(record, 0, RECORD) < RECORD) {
                        throw new DataFormatException(f, r * RECORD, "file ended while reading record " + r);
                    }
                    int label = record[0] & 0xFF;
                    if (label >= classNames.size()) {
                        throw new DataFormatException(f, r * RECORD, "label " + label + " of record " + r + " is outside 0.."
                                + (classNames.size() - 1) + " (" + classNames.size() + " classes in " + META_FILE + ")");
                    }
                    labels[i] = label;
                    int base = i * PLANE * CHANNELS;
                    for (int p = 0; p < PLANE; p++) {
                        for (int ch = 0; ch < CHANNELS; ch++) {
                            pixels[base + p * CHANNELS + ch] = record[1 + ch * PLANE + p];
                        }
                    }
                }
            } catch (IOException e) {
                throw new SlopeException(f + ": cannot read: " + e.getMessage(), e);
            }
        }
        return new ImageSet(pixels, labels, SIDE, SIDE, CHANNELS, classNames);
    }

    /** The class names from batches.meta.txt, or CIFAR-10's own ten when the file is absent. */
    static List<String> classNames(Path dir) {
        Path meta = dir.resolve(META_FILE);
        if (!Files.exists(meta)) {
            return List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
        }
        return ClassNames.read(meta);
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new SlopeException(f + ": cannot read: " + e.getMessage(), e);
        }
    }
}
