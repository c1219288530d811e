package dev.slope.viz;

import dev.slope.model.LinearModel;
import dev.slope.model.Parameters;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The lecture's "W as templates" picture: each class's row of W (without the bias) drawn as an image
 * of the input's shape, one tile per class with its name. Each tile is stretched on its own from its
 * smallest weight (black) to its largest (white); colour inputs give colour tiles.
 */
public final class WeightTemplates {
    /** Tiles are drawn at least this many pixels wide. */
    static final int MIN_TILE = 96;

    private WeightTemplates() {
    }

    public static BufferedImage render(LinearModel model) {
        Parameters p = model.parameters();
        int h = model.height();
        int w = model.width();
        int ch = model.channels();
        int scale = Math.max(1, (MIN_TILE + w - 1) / w);
        int tileW = w * scale;
        int tileH = h * scale;
        int classes = model.classCount();
        int perRow = Math.min(classes, 5);
        int gridRows = (classes + perRow - 1) / perRow;
        int pad = 10;
        int label = 20;
        int width = pad + perRow * (tileW + pad);
        int height = pad + gridRows * (tileH + label + pad);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        int pixels = h * w * ch;
        for (int c = 0; c < classes; c++) {
            int o = c * p.dim();
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < pixels; k++) {
                min = Math.min(min, p.w()[o + k]);
                max = Math.max(max, p.w()[o + k]);
            }
            float range = max > min ? max - min : 1;
            int x0 = pad + (c % perRow) * (tileW + pad);
            int y0 = pad + (c / perRow) * (tileH + label + pad);
            for (int r = 0; r < h; r++) {
                for (int col = 0; col < w; col++) {
                    int[] rgb = new int[3];
                    for (int k = 0; k < 3; k++) {
                        int idx = (r * w + col) * ch + Math.min(k, ch - 1);
                        rgb[k] = Math.round(255 * (p.w()[o + idx] - min) / range);
                    }
                    g.setColor(new Color(rgb[0], rgb[1], rgb[2]));
                    g.fillRect(x0 + col * scale, y0 + r * scale, scale, scale);
                }
            }
            String name = model.classNames().get(c);
            g.setColor(Color.BLACK);
            g.drawString(name, x0 + (tileW - fm.stringWidth(name)) / 2, y0 + tileH + 15);
        }
        g.dispose();
        return img;
    }
}
