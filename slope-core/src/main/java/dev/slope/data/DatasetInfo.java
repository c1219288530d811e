package dev.slope.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a model's data came from, as its provenance records it: the dataset's name, folder and format,
 * its counts, and a SHA-256 over its bytes (every image's pixels and label, training images first), so a
 * model names exactly the data it was fitted on.
 *
 * @param path the folder it was read from, absolute; empty when the images did not come from a folder
 */
public record DatasetInfo(String name, String path, String format, int trainImages, int testImages, String sha256) {

    /** The provenance of a dataset read from disk. */
    public static DatasetInfo of(ImageData data) {
        return new DatasetInfo(data.name(), data.source().toAbsolutePath().normalize().toString(), data.format(),
                data.train().size(), data.test().size(), sha256(data.train(), data.test()));
    }

    /** A dataset's name, folder and counts without hashing its bytes: for rows that are only evaluated, not trained on. */
    public static DatasetInfo unhashed(ImageData data) {
        return new DatasetInfo(data.name(), data.source().toAbsolutePath().normalize().toString(), data.format(),
                data.train().size(), data.test().size(), "");
    }

    /** The provenance of images that did not come from a dataset folder (a subset, a test's images). */
    public static DatasetInfo of(String name, ImageSet train, ImageSet test) {
        return new DatasetInfo(name, "", "images", train.size(), test.size(), sha256(train, test));
    }

    /**
     * Has the JIT compile SHA-256 (with the CPU's SHA instructions, where it has them) before a run's data is hashed: 2
     * MB digested in blocks of 4 KB, about 60 ms. The first digest of a run's 55 MB then takes 45-95 ms instead of
     * 200-650 ms on the two cores the warm-up shares with the reader and the compiler (measured, see BENCHMARKS.md).
     * Part of a run's JIT warm-up.
     */
    public static void warmUp() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] block = new byte[4096];
            for (int i = 0; i < 500; i++) {
                md.update(block);
            }
            md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** SHA-256 of the images' shapes, pixels and labels, in order, as 64 hex digits. */
    static String sha256(ImageSet... sets) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (ImageSet s : sets) {
                md.update(ByteBuffer.allocate(16).putInt(s.size()).putInt(s.height()).putInt(s.width())
                        .putInt(s.channels()).array());
                s.digestPixels(md);
                ByteBuffer labels = ByteBuffer.allocate(4 * s.size());
                for (int i = 0; i < s.size(); i++) {
                    labels.putInt(s.label(i));
                }
                md.update(labels.array());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
