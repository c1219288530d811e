package dev.slope.viz;

import dev.slope.SlopeException;
import dev.slope.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes pictures as PNG files, atomically like every file Slope writes. */
public final class Png {
    private Png() {
    }

    public static byte[] encode(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new SlopeException("cannot encode a PNG: " + e.getMessage(), e);
        }
    }

    public static void write(BufferedImage image, Path file) {
        AtomicFiles.write(file, encode(image));
    }
}
