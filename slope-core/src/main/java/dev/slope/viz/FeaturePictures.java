package dev.slope.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Pictures of an image's features: its HOG cells drawn over it (one line per orientation bin through each cell's
 * centre, along the edge that bin's gradients cross, as long as the bin is strong, as scikit-image's {@code hog}
 * visualizes them), and a histogram's bars (hue bars in their hue).
 */
public final class FeaturePictures {
    private static final int SCALE = 2;

    private FeaturePictures() {
    }

    /**
     * The image (darkened, twice its size) with its HOG cell histograms over it.
     *
     * @param cellHistograms rows × cols cells × bins, row-major (a HOG with blocks of 1 and no normalization)
     */
    public static BufferedImage hogCells(byte[] pixels, int height, int width, int channels, float[] cellHistograms,
                                         int cell, int bins, String title) {
        int rows = height / cell;
        int cols = width / cell;
        if (cellHistograms.length != rows * cols * bins) {
            throw new IllegalArgumentException("expected " + rows + " × " + cols + " cells × " + bins + " bins, got "
                    + cellHistograms.length + " numbers");
        }
        int top = 34;
        BufferedImage out = new BufferedImage(width * SCALE, height * SCALE + top, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), top);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(title, 8, 22);
        for (int y = 0; y < height * SCALE; y++) {
            for (int x = 0; x < width * SCALE; x++) {
                int o = ((y / SCALE) * width + x / SCALE) * channels;
                int r = pixels[o] & 0xFF;
                int gr = channels >= 3 ? pixels[o + 1] & 0xFF : r;
                int b = channels >= 3 ? pixels[o + 2] & 0xFF : r;
                out.setRGB(x, top + y, (r * 35 / 100) << 16 | (gr * 35 / 100) << 8 | b * 35 / 100);
            }
        }
        float max = 0;
        for (float v : cellHistograms) {
            max = Math.max(max, v);
        }
        g.setStroke(new BasicStroke(1.2f));
        double radius = cell * SCALE / 2.0 - 1;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double cx = (c + 0.5) * cell * SCALE;
                double cy = top + (r + 0.5) * cell * SCALE;
                for (int k = 0; k < bins; k++) {
                    float v = cellHistograms[(r * cols + c) * bins + k];
                    if (max == 0 || v <= 0) {
                        continue;
                    }
                    double theta = (k + 0.5) * Math.PI / bins; // the bin's gradient direction; the edge is across it
                    double dx = radius * Math.sin(theta);
                    double dy = radius * Math.cos(theta);
                    int level = (int) Math.round(255 * Math.min(1, v / max));
                    g.setColor(new Color(255, 255, 255, level));
                    g.drawLine((int) Math.round(cx - dx), (int) Math.round(cy + dy), (int) Math.round(cx + dx),
                            (int) Math.round(cy - dy));
                }
            }
        }
        g.dispose();
        return out;
    }

    /**
     * A histogram's bars; hue bars are drawn in their hue (bin k of n covers hues k/n to (k+1)/n of the circle).
     */
    public static BufferedImage histogram(double[] bins, boolean hue, String title) {
        int w = 640;
        int h = 360;
        int left = 60;
        int right = 20;
        int top = 40;
        int bottom = 50;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(title, left, 24);
        double max = 0;
        for (double v : bins) {
            max = Math.max(max, v);
        }
        max = max == 0 ? 1 : max;
        int plotW = w - left - right;
        int plotH = h - top - bottom;
        double barW = (double) plotW / bins.length;
        for (int k = 0; k < bins.length; k++) {
            int barH = (int) Math.round(plotH * bins[k] / max);
            g.setColor(hue ? Color.getHSBColor((float) ((k + 0.5) / bins.length), 0.75f, 0.85f)
                    : new Color((int) (255 * (k + 0.5) / bins.length), (int) (255 * (k + 0.5) / bins.length),
                    (int) (255 * (k + 0.5) / bins.length)));
            g.fillRect(left + (int) Math.round(k * barW) + 1, top + plotH - barH, (int) Math.round(barW) - 2, barH);
            g.setColor(Color.DARK_GRAY);
            g.drawRect(left + (int) Math.round(k * barW) + 1, top + plotH - barH, (int) Math.round(barW) - 2, barH);
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, top + plotH, left + plotW, top + plotH);
        g.drawLine(left, top, left, top + plotH);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int t = 0; t <= 4; t++) {
            double v = max * t / 4;
            int y = top + plotH - (int) Math.round(plotH * t / 4.0);
            g.drawLine(left - 4, y, left, y);
            g.drawString(String.format(Locale.ROOT, "%.2f", v), 8, y + 4);
        }
        String axis = hue ? "hue: 0° (red) … 360°, " + bins.length + " bins" : "intensity: 0 (black) … 255, " + bins.length
                + " bins";
        g.drawString(axis, left + plotW / 2 - g.getFontMetrics().stringWidth(axis) / 2, h - 16);
        g.dispose();
        return out;
    }
}
