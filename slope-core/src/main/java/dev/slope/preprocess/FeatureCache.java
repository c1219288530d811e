package dev.slope.preprocess;

import dev.slope.data.ImageSet;
import dev.slope.features.Feature;
import dev.slope.features.FeatureSet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Computed features kept on disk, so a second run over the same images with the same feature settings reads
 * them instead of computing them again. A cached file is named by a SHA-256 of everything the numbers depend on:
 * the format version, every feature's settings (and a bag of words' fitted codebook), the image shape and count,
 * and every pixel. A changed setting or changed data therefore never reads a stale file; it makes a new one.
 *
 * <p>Off unless a directory is given: a program's main hands over the system property {@value #PROPERTY} or the
 * environment variable {@value #ENV} ({@link #use}, {@link #configured(String, Map)}); core reads neither itself. A file is written whole to a temporary name and then renamed, so a killed run leaves no
 * half-written cache; a file that does not have the expected size is ignored (and replaced). A cache that cannot
 * be written is reported on standard error and the run goes on without it. Thread-safe.
 */
public final class FeatureCache {
    /** The environment variable naming the cache directory. */
    public static final String ENV = "SLOPE_FEATURE_CACHE";
    /** The system property naming the cache directory (takes precedence over {@link #ENV}). */
    public static final String PROPERTY = "slope.featureCache";
    /** In every file and every key: 2 since colour histograms read pixels exactly as scikit-image does (one ulp). */
    private static final String MAGIC = "SLOPEFC2";
    private static final int HEADER = MAGIC.length() + 8;

    private final Path dir;

    private FeatureCache(Path dir) {
        this.dir = dir;
    }

    /** No cache: features are computed every time. */
    public static FeatureCache off() {
        return new FeatureCache(null);
    }

    /** A cache in {@code dir} (created when first written). */
    public static FeatureCache in(Path dir) {
        return new FeatureCache(dir);
    }

    /** The cache every computation of features uses, {@link #off()} until a main says otherwise. */
    private static volatile FeatureCache inUse = off();

    /** Makes {@code cache} the one every computation of features uses from now on. */
    public static void use(FeatureCache cache) {
        inUse = cache;
    }

    /** The cache in use ({@link #use}); off unless a main set one. */
    public static FeatureCache inUse() {
        return inUse;
    }

    /** The cache a system property value or the environment names (the property first), else {@link #off()}. */
    public static FeatureCache configured(String property, Map<String, String> env) {
        String dir = property != null && !property.isBlank() ? property : env.get(ENV);
        return dir == null || dir.isBlank() ? off() : in(Path.of(dir));
    }

    /** Where files go, or null when off. */
    public Path dir() {
        return dir;
    }

    /**
     * The N×D feature rows of {@code images}: read from the cache when a file for exactly these features and
     * images is there, else computed by {@code compute} and written.
     */
    public float[] rows(FeatureSet features, ImageSet images, int d, Supplier<float[]> compute) {
        if (dir == null || images.size() == 0) {
            return compute.get();
        }
        Path file = dir.resolve(key(features, images) + ".features");
        long n = images.size();
        float[] cached = read(file, n, d);
        if (cached != null) {
            return cached;
        }
        float[] rows = compute.get();
        write(file, rows, images.size(), d);
        return rows;
    }

    /** The file's rows, or null when it is missing or not N×D rows of this format. */
    private static float[] read(Path file, long n, int d) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() != HEADER + 4L * n * d) {
                return null;
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            while (header.hasRemaining() && ch.read(header) >= 0) {
                // reads the header whole
            }
            header.flip();
            byte[] magic = new byte[MAGIC.length()];
            header.get(magic);
            if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII)) || header.getInt() != n || header.getInt() != d) {
                return null;
            }
            float[] rows = new float[Math.toIntExact(n * d)];
            MappedByteBuffer body = ch.map(FileChannel.MapMode.READ_ONLY, HEADER, 4L * rows.length);
            body.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(rows);
            return rows;
        } catch (IOException | ArithmeticException e) {
            return null;
        }
    }

    private void write(Path file, float[] rows, int n, int d) {
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".features-", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
                buf.put(MAGIC.getBytes(StandardCharsets.US_ASCII)).putInt(n).putInt(d);
                for (int i = 0; i < rows.length; ) {
                    int m = Math.min(rows.length - i, buf.remaining() / 4);
                    buf.asFloatBuffer().put(rows, i, m);
                    buf.position(buf.position() + 4 * m);
                    i += m;
                    buf.flip();
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    buf.clear();
                }
                if (rows.length == 0) {
                    buf.flip();
                    ch.write(buf);
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            System.err.println("slope: could not write the feature cache in " + dir + " (" + e.getMessage()
                    + "); going on without it. Check the directory given by -D" + PROPERTY + " or " + ENV + ".");
            try {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException ignored) {
                // the warning above already names the directory
            }
        }
    }

    /** The SHA-256, in hex, of everything the rows depend on. */
    static String key(FeatureSet features, ImageSet images) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((MAGIC + "\n").getBytes(StandardCharsets.UTF_8));
            for (Feature f : features.features()) {
                sha.update((f.toString() + "\n").getBytes(StandardCharsets.UTF_8));
                float[] fitted = f.fittedState();
                if (fitted.length > 0) {
                    ByteBuffer bytes = ByteBuffer.allocate(4 * fitted.length).order(ByteOrder.LITTLE_ENDIAN);
                    for (float v : fitted) {
                        bytes.putFloat(v);
                    }
                    sha.update(bytes.array());
                }
            }
            sha.update((images.height() + "x" + images.width() + "x" + images.channels() + " " + images.size() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            images.digestPixels(sha);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
