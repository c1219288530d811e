package dev.slope.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** A classifier's regions over [−range, range]² with its training points on top (the lecture's kNN pictures). */
public final class PlaneRegionsPicture {
    private static final Color[] CLASSES = {new Color(0xE4572E), new Color(0x2F6FDE), new Color(0x29A35A),
        new Color(0xF2A541), new Color(0x8E5AD6), new Color(0x17A2B8), new Color(0xD6336C), new Color(0x6C757D),
        new Color(0xA0522D), new Color(0x20C997)};
    private static final int SIZE = 480;
    private static final int TOP = 32;

    private PlaneRegionsPicture() {
    }

    /**
     * @param regions grid × grid classes, row by row from the top left
     * @param xy      the points, x and y interleaved
     */
    public static BufferedImage render(String title, int[] regions, int grid, double range, float[] xy, int[] labels) {
        BufferedImage img = new BufferedImage(SIZE, SIZE + TOP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, SIZE, SIZE + TOP);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, 10, 22);
        double cell = (double) SIZE / grid;
        for (int i = 0; i < regions.length; i++) {
            Color c = CLASSES[regions[i] % CLASSES.length];
            g.setColor(new Color((c.getRed() + 3 * 255) / 4, (c.getGreen() + 3 * 255) / 4, (c.getBlue() + 3 * 255) / 4));
            int x0 = (int) Math.floor((i % grid) * cell);
            int y0 = (int) Math.floor((i / grid) * cell);
            g.fillRect(x0, TOP + y0, (int) Math.ceil(cell) + 1, (int) Math.ceil(cell) + 1);
        }
        g.setStroke(new BasicStroke(1.5f));
        for (int i = 0; i < labels.length; i++) {
            int px = (int) Math.round((xy[2 * i] + range) / (2 * range) * SIZE);
            int py = TOP + (int) Math.round((range - xy[2 * i + 1]) / (2 * range) * SIZE);
            g.setColor(CLASSES[labels[i] % CLASSES.length]);
            g.fillOval(px - 6, py - 6, 12, 12);
            g.setColor(Color.WHITE);
            g.drawOval(px - 6, py - 6, 12, 12);
        }
        g.dispose();
        return img;
    }
}
