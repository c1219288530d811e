package dev.slope.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import dev.slope.SlopeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads ordinary image files (PNG, JPEG, BMP, GIF) as the uint8 pixels a model takes.
 *
 * <p>A grey image's values are read from its raster as stored: Java's grey colour space is linear, so
 * converting through RGB ({@code getRGB}) would gamma-correct them (a stored 64 reads as 137) and a grey
 * PNG of a dataset image would no longer match the dataset's pixels. Colour images are read as sRGB
 * values. Channels are then converted (luma 0.299R + 0.587G + 0.114B for a grey model, the grey value
 * repeated for a colour one) and the image resized bilinearly when its size differs.
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** The largest image read, in pixels (8192×8192): a header claiming more is refused before decoding. */
    public static final long MAX_PIXELS = 8192L * 8192;

    /**
     * Reads an image, converts it to 1 channel (grey) or 3 (RGB) and scales it to height×width (bilinear,
     * pixel centres aligned) when its size differs.
     *
     * @return height×width×channels bytes, channels last
     */
    public static byte[] read(Path file, int height, int width, int channels) {
        return read(file, height, width, channels, true);
    }

    /**
     * As {@link #read(Path, int, int, int)}; with {@code resize} false an image of another size than
     * height×width is refused instead of scaled.
     */
    public static byte[] read(Path file, int height, int width, int channels, boolean resize) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images can be read as 1 or 3 channels, not " + channels);
        }
        int[] size = size(file);
        if (!resize && (size[0] != height || size[1] != width)) {
            throw new DataFormatException(file, -1, n -> "is " + size[0] + "x" + size[1] + " but the other images are "
                    + height + "x" + width + "; images of mixed sizes need " + n.name("image_size") + " HxW to resize them");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DataFormatException(file, -1, "cannot decode the image: " + e.getMessage());
        }
        if (img == null) {
            throw new DataFormatException(file, -1, "not an image Java can read (use PNG, JPEG, BMP or GIF)");
        }
        float[] values = samples(img, channels);
        float[] sized = img.getHeight() == height && img.getWidth() == width ? values
                : resize(values, img.getHeight(), img.getWidth(), channels, height, width);
        byte[] out = new byte[sized.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = (byte) Math.max(0, Math.min(255, Math.round(sized[k])));
        }
        return out;
    }

    /**
     * The height and width an image file's header states, read without decoding the pixels; refuses
     * anything over {@link #MAX_PIXELS}, so a small file with a lying header cannot exhaust memory.
     */
    public static int[] size(Path file) {
        IdxReader.requireReadableFile(file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DataFormatException(file, -1, "not an image Java can read (use PNG, JPEG, BMP or GIF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int h = reader.getHeight(0);
                int w = reader.getWidth(0);
                if (h < 1 || w < 1 || (long) h * w > MAX_PIXELS) {
                    throw new DataFormatException(file, -1, "the header says " + h + "x" + w + " pixels; images of 1 to "
                            + MAX_PIXELS + " pixels are read");
                }
                return new int[] {h, w};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof SlopeException se) {
                throw se;
            }
            throw new DataFormatException(file, -1, "cannot decode the image: " + e.getMessage());
        }
    }

    /** The image's values 0..255 as H×W×channels, converted to the channels asked for. */
    static float[] samples(BufferedImage img, int channels) {
        int h = img.getHeight();
        int w = img.getWidth();
        ColorModel cm = img.getColorModel();
        boolean grey = !(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        float[] out = new float[h * w * channels];
        Raster raster = img.getRaster();
        double greyScale = grey ? 255.0 / ((1 << cm.getComponentSize(0)) - 1) : 1;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int o = (r * w + c) * channels;
                if (grey) {
                    float v = (float) (raster.getSample(c, r, 0) * greyScale);
                    for (int k = 0; k < channels; k++) {
                        out[o + k] = v;
                    }
                    continue;
                }
                int rgb = img.getRGB(c, r);
                int red = (rgb >> 16) & 0xFF;
                int green = (rgb >> 8) & 0xFF;
                int blue = rgb & 0xFF;
                if (channels == 1) {
                    out[o] = (float) (0.299 * red + 0.587 * green + 0.114 * blue);
                } else {
                    out[o] = red;
                    out[o + 1] = green;
                    out[o + 2] = blue;
                }
            }
        }
        return out;
    }

    /**
     * Resizes an H×W×C image to h×w×C, one axis at a time: enlarging interpolates linearly between pixel
     * centres ({@code y = (r + ½)·H/h − ½}, clamped); shrinking averages the source pixels each target pixel
     * covers, weighted by the overlap (area averaging, so a large photo does not alias).
     */
    static float[] resize(float[] src, int sh, int sw, int channels, int h, int w) {
        float[] rows = new float[sh * w * channels];
        for (int r = 0; r < sh; r++) {
            resample(src, (r * sw) * channels, channels, sw, rows, (r * w) * channels, channels, w, channels);
        }
        float[] out = new float[h * w * channels];
        for (int c = 0; c < w; c++) {
            resample(rows, c * channels, w * channels, sh, out, c * channels, w * channels, h, channels);
        }
        return out;
    }

    /** One line of n samples (stride apart, C channels each) to m samples. */
    private static void resample(float[] src, int so, int sStride, int n, float[] dst, int d0, int dStride, int m,
                                 int channels) {
        double scale = (double) n / m;
        for (int i = 0; i < m; i++) {
            int d = d0 + i * dStride;
            if (m >= n) {
                double x = Math.min(n - 1, Math.max(0, (i + 0.5) * scale - 0.5));
                int x0 = (int) Math.floor(x);
                int x1 = Math.min(n - 1, x0 + 1);
                double f = x - x0;
                for (int k = 0; k < channels; k++) {
                    dst[d + k] = (float) (src[so + x0 * sStride + k] * (1 - f) + src[so + x1 * sStride + k] * f);
                }
            } else {
                double from = i * scale;
                double to = (i + 1) * scale;
                for (int k = 0; k < channels; k++) {
                    double sum = 0;
                    for (int j = (int) Math.floor(from); j < Math.min(n, (int) Math.ceil(to)); j++) {
                        double overlap = Math.min(to, j + 1) - Math.max(from, j);
                        sum += overlap * src[so + j * sStride + k];
                    }
                    dst[d + k] = (float) (sum / scale);
                }
            }
        }
    }
}
