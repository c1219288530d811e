package dev.slope.data;

import dev.slope.SlopeException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, raw or gzipped.
 *
 * <p>Layout (big-endian): two zero bytes, a type byte ({@code 0x08} = unsigned byte, the only type
 * image sets use), a byte giving the number of dimensions d, then d 32-bit sizes, then the data in
 * row-major order. Images are {@code 0x00000803} (N×rows×cols), labels {@code 0x00000801} (N).
 *
 * <p>The header is checked against the file's real size before anything is allocated (for gzip, the
 * uncompressed size stored in the trailer), so a lying header costs an error, not the heap.
 */
public final class IdxReader {
    /** Larger arrays than this do not fit a Java byte array. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 16L;

    private IdxReader() {
    }

    /** One IDX array: its dimensions and its bytes (row-major). */
    public record IdxArray(int[] dims, byte[] data) {
        public int count() {
            return dims[0];
        }
    }

    /** Reads a whole IDX file of unsigned bytes. */
    public static IdxArray read(Path file) {
        requireReadableFile(file);
        try {
            boolean gzip = isGzip(file);
            long available = gzip ? gzipUncompressedSize(file) : Files.size(file);
            try (InputStream raw = Files.newInputStream(file);
                 InputStream in = gzip ? new GZIPInputStream(new BufferedInputStream(raw, 1 << 16), 1 << 16)
                         : new BufferedInputStream(raw, 1 << 16)) {
                return parse(file, in, available, gzip);
            }
        } catch (ZipException | EOFException e) {
            throw new DataFormatException(file, -1, "the gzip stream is damaged or cut short (" + e.getMessage()
                    + "); download the file again");
        } catch (IOException e) {
            throw new SlopeException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static IdxArray parse(Path file, InputStream stream, long available, boolean gzip) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new DataFormatException(file, magic.length, "file ends inside the 4-byte IDX magic number");
        }
        int magicValue = ((magic[0] & 0xFF) << 24) | ((magic[1] & 0xFF) << 16) | ((magic[2] & 0xFF) << 8) | (magic[3] & 0xFF);
        if (magic[0] != 0 || magic[1] != 0 || magic[3] < 1 || magic[3] > 4) {
            throw new DataFormatException(file, 0, String.format(
                    "wrong magic number 0x%08X: expected 0x00000801 (labels) or 0x00000803 (images); is this an IDX file?",
                    magicValue));
        }
        if (magic[2] != 0x08) {
            throw new DataFormatException(file, 2, String.format(
                    "IDX data type 0x%02X is not supported: image sets use 0x08 (unsigned byte)", magic[2] & 0xFF));
        }
        int ndim = magic[3];
        int[] dims = new int[ndim];
        long items = 1;
        for (int d = 0; d < ndim; d++) {
            byte[] b = in.readNBytes(4);
            if (b.length < 4) {
                throw new DataFormatException(file, 4 + 4L * d + b.length, "file ends inside the header (dimension "
                        + (d + 1) + " of " + ndim + ")");
            }
            long size = ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
            if (size > Integer.MAX_VALUE) {
                throw new DataFormatException(file, 4 + 4L * d, "dimension " + (d + 1) + " claims " + size + " entries");
            }
            dims[d] = (int) size;
            items *= size;
            if (items > MAX_BYTES) {
                break;
            }
        }
        long headerBytes = 4 + 4L * ndim;
        long body = available - headerBytes;
        if (items > MAX_BYTES || items > body) {
            throw new DataFormatException(file, headerBytes, "header claims " + describe(dims) + " = " + items
                    + " bytes of data, but the file holds only " + Math.max(0, body) + " bytes after the header"
                    + (gzip ? " (uncompressed)" : "") + "; the file is truncated or not the one you meant");
        }
        byte[] data = new byte[(int) items];
        int read = in.readNBytes(data, 0, data.length);
        if (read < data.length) {
            throw new DataFormatException(file, headerBytes + read, "data ends after " + read + " of " + items
                    + " bytes promised by the header; the file is truncated");
        }
        if (!gzip && in.read() >= 0) {
            throw new DataFormatException(file, headerBytes + items, "unexpected bytes after the " + items
                    + " bytes promised by the header " + describe(dims));
        }
        return new IdxArray(dims, data);
    }

    /**
     * Reads an image file and its label file into an image set.
     *
     * @param classNames one name per class; labels outside 0..size-1 are an error
     */
    public static ImageSet readImageSet(Path images, Path labels, List<String> classNames) {
        IdxArray img = read(images);
        IdxArray lab = read(labels);
        if (img.dims().length != 3 && img.dims().length != 4) {
            throw new DataFormatException(images, 3, "expected an image file (3 dimensions N×rows×cols, magic "
                    + "0x00000803) but found " + img.dims().length + " dimension(s) " + describe(img.dims()));
        }
        if (lab.dims().length != 1) {
            throw new DataFormatException(labels, 3, "expected a label file (1 dimension, magic 0x00000801) but found "
                    + lab.dims().length + " dimensions " + describe(lab.dims()));
        }
        if (img.count() != lab.count()) {
            throw new DataFormatException(labels, 4, "holds " + lab.count() + " labels but " + images.getFileName()
                    + " holds " + img.count() + " images; the two files must come from the same set");
        }
        int[] y = new int[lab.count()];
        int classes = classNames.size();
        for (int i = 0; i < y.length; i++) {
            y[i] = lab.data()[i] & 0xFF;
            if (y[i] >= classes) {
                throw new DataFormatException(labels, 8 + i, "label " + y[i] + " of item " + i + " is outside 0.."
                        + (classes - 1) + " (" + classes + " classes); give the class names in classes.txt");
            }
        }
        int channels = img.dims().length == 4 ? img.dims()[3] : 1;
        return new ImageSet(img.data(), y, img.dims()[1], img.dims()[2], channels, classNames);
    }

    /** The largest label in a label file plus one: the class count when no names are given. */
    static int classCountOf(Path labels) {
        IdxArray lab = read(labels);
        int max = 0;
        for (byte b : lab.data()) {
            max = Math.max(max, b & 0xFF);
        }
        return max + 1;
    }

    static void requireReadableFile(Path file) {
        if (!Files.exists(file)) {
            throw new SlopeException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new SlopeException(file + ": is a folder, not a file; give the file inside it");
        }
        if (!Files.isRegularFile(file)) {
            throw new SlopeException(file + ": not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new SlopeException(file + ": not readable (check its permissions)");
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** ISIZE, the last four bytes of a gzip file: the uncompressed size modulo 2^32 (little-endian). */
    private static long gzipUncompressedSize(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            if (raf.length() < 18) {
                throw new DataFormatException(file, raf.length(), "too short for a gzip file (" + raf.length() + " bytes)");
            }
            raf.seek(raf.length() - 4);
            long b0 = raf.read();
            long b1 = raf.read();
            long b2 = raf.read();
            long b3 = raf.read();
            return b0 | (b1 << 8) | (b2 << 16) | (b3 << 24);
        }
    }

    private static String describe(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < dims.length; d++) {
            sb.append(d == 0 ? "" : "x").append(dims[d]);
        }
        return sb.toString();
    }
}
