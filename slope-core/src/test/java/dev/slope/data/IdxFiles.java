package dev.slope.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files in the documented layout, for reader tests. */
final class IdxFiles {
    private IdxFiles() {
    }

    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    /** Writes a small image set (n images of h×w, pixel = (i*7 + k) mod 256, label = i mod classes). */
    static void writeSet(Path dir, String split, int n, int h, int w, int classes, boolean gz) throws IOException {
        byte[] px = new byte[n * h * w];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < h * w; k++) {
                px[i * h * w + k] = (byte) ((i * 7 + k) % 256);
            }
        }
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % classes);
        }
        byte[] images = idx(8, new int[] {n, h, w}, px);
        byte[] lab = idx(8, new int[] {n}, labels);
        String ext = gz ? ".gz" : "";
        Files.write(dir.resolve(split + "-images-idx3-ubyte" + ext), gz ? gzip(images) : images);
        Files.write(dir.resolve(split + "-labels-idx1-ubyte" + ext), gz ? gzip(lab) : lab);
    }
}
