package dev.slope.data;

import dev.slope.SlopeException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reads ordinary image files (PNG, JPEG, BMP, GIF) as the uint8 pixels a model takes. */
public final class ImageFiles {
    private ImageFiles() {
    }

    /**
     * Reads an image, scales it to height×width (bilinear) when its size differs, and converts it to
     * 1 channel (luma 0.299R + 0.587G + 0.114B) or 3 (RGB).
     *
     * @return height×width×channels bytes, channels last
     */
    public static byte[] read(Path file, int height, int width, int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images can be read as 1 or 3 channels, not " + channels);
        }
        IdxReader.requireReadableFile(file);
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new DataFormatException(file, -1, "cannot decode the image: " + e.getMessage());
        }
        if (img == null) {
            throw new DataFormatException(file, -1, "not an image Java can read (use PNG, JPEG, BMP or GIF)");
        }
        if (img.getWidth() != width || img.getHeight() != height) {
            BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scaled.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, width, height, null);
            g.dispose();
            img = scaled;
        }
        byte[] out = new byte[height * width * channels];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int rgb = img.getRGB(c, r);
                int red = (rgb >> 16) & 0xFF;
                int green = (rgb >> 8) & 0xFF;
                int blue = rgb & 0xFF;
                int o = (r * width + c) * channels;
                if (channels == 1) {
                    out[o] = (byte) Math.round(0.299 * red + 0.587 * green + 0.114 * blue);
                } else {
                    out[o] = (byte) red;
                    out[o + 1] = (byte) green;
                    out[o + 2] = (byte) blue;
                }
            }
        }
        return out;
    }
}
