package dev.slope.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * A grid of numbers as colours (the confusion matrix, a 2-D loss landscape, a search over two
 * hyperparameters): white to dark blue, optionally with each value written in its cell.
 */
public final class Heatmap {
    private Heatmap() {
    }

    /**
     * @param values    rows × cols; NaN cells are drawn grey
     * @param rowLabels one per row (drawn left), or null
     * @param colLabels one per column (drawn below), or null
     * @param annotate  write each value in its cell with {@code format}
     * @param rowsUp    draw row 0 at the bottom, so the row axis grows upwards like a y axis (a search over a
     *                  learning rate, a landscape); false draws row 0 at the top (a confusion matrix)
     */
    public static BufferedImage render(String title, String rowTitle, String colTitle, double[][] values,
                                       List<String> rowLabels, List<String> colLabels, boolean annotate, String format,
                                       boolean rowsUp) {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        if (rows == 0 || cols == 0) {
            throw new IllegalArgumentException("a heat-map needs at least one cell");
        }
        int cell = Math.max(18, Math.min(64, 640 / Math.max(rows, cols)));
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        FontMetrics fm = probe.createGraphics().getFontMetrics(font);
        int left = 30 + (rowLabels == null ? 0 : rowLabels.stream().mapToInt(fm::stringWidth).max().orElse(0)) + 8;
        int bottomLabel = colLabels == null ? 0 : colLabels.stream().mapToInt(fm::stringWidth).max().orElse(0);
        int top = 40;
        FontMetrics titleMetrics = probe.createGraphics().getFontMetrics(font.deriveFont(Font.BOLD, 14f));
        int width = Math.max(left + cols * cell + 90, titleMetrics.stringWidth(title) + 40);
        int height = top + rows * cell + bottomLabel + 50;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(font.deriveFont(Font.BOLD, 14f));
        g.setColor(Color.BLACK);
        g.drawString(title, (width - titleMetrics.stringWidth(title)) / 2, 24);
        g.setFont(font);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = values[r][c];
                double t = !Double.isFinite(v) ? Double.NaN : max > min ? (v - min) / (max - min) : 0.5;
                Color color = Double.isNaN(t) ? new Color(200, 200, 200) : ramp(t);
                g.setColor(color);
                int x = left + c * cell;
                int y = top + (rowsUp ? rows - 1 - r : r) * cell;
                g.fillRect(x, y, cell, cell);
                if (annotate && Double.isFinite(v) && cell >= 24) {
                    String s = String.format(Locale.ROOT, format, v);
                    g.setColor(t > 0.55 ? Color.WHITE : Color.BLACK);
                    g.drawString(s, x + (cell - fm.stringWidth(s)) / 2, y + cell / 2 + fm.getAscent() / 2 - 2);
                }
            }
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, top, cols * cell, rows * cell);
        g.setColor(Color.BLACK);
        if (rowLabels != null) {
            for (int r = 0; r < rows; r++) {
                String s = rowLabels.get(r);
                int y = top + (rowsUp ? rows - 1 - r : r) * cell;
                g.drawString(s, left - 6 - fm.stringWidth(s), y + cell / 2 + fm.getAscent() / 2 - 2);
            }
        }
        if (colLabels != null) {
            for (int c = 0; c < cols; c++) {
                Graphics2D rot = (Graphics2D) g.create();
                rot.translate(left + c * cell + cell / 2 + fm.getAscent() / 2 - 2, top + rows * cell + 6);
                rot.rotate(Math.PI / 2);
                rot.drawString(colLabels.get(c), 0, 0);
                rot.dispose();
            }
        }
        // axis titles centred along their axes
        g.setFont(font.deriveFont(Font.BOLD));
        FontMetrics bold = g.getFontMetrics();
        g.drawString(colTitle, left + (cols * cell - bold.stringWidth(colTitle)) / 2, height - 12);
        Graphics2D rot = (Graphics2D) g.create();
        rot.translate(18, top + (rows * cell + bold.stringWidth(rowTitle)) / 2);
        rot.rotate(-Math.PI / 2);
        rot.drawString(rowTitle, 0, 0);
        rot.dispose();
        g.setFont(font);
        // colour scale
        int sx = left + cols * cell + 20;
        for (int k = 0; k < rows * cell; k++) {
            g.setColor(ramp(1 - (double) k / (rows * cell)));
            g.fillRect(sx, top + k, 14, 1);
        }
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, format, max), sx + 18, top + fm.getAscent());
        g.drawString(String.format(Locale.ROOT, format, min), sx + 18, top + rows * cell);
        g.dispose();
        return img;
    }

    /** White (0) to dark blue (1). */
    static Color ramp(double t) {
        double u = Math.max(0, Math.min(1, t));
        return new Color((int) (247 - u * (247 - 8)), (int) (251 - u * (251 - 48)), (int) (255 - u * (255 - 107)));
    }
}
