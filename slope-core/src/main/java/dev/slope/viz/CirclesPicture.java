package dev.slope.viz;

import dev.slope.preprocess.ConcentricCircles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The lecture's polar-coordinates example drawn: the two rings in (x, y), where no line separates them, beside
 * the same points in (r, θ), where the line r = 1.5 does.
 */
public final class CirclesPicture {
    private CirclesPicture() {
    }

    public static BufferedImage render(ConcentricCircles c) {
        BufferedImage left = scatter(c, c.xy(), "Points in (x, y): no line separates the classes", "x", "y");
        BufferedImage right = scatter(c, c.polar(), "The same points in (r, θ): the line r = 1.5 does", "r (radius)",
                "θ (angle, radians)");
        BufferedImage both = new BufferedImage(left.getWidth() + right.getWidth(), Math.max(left.getHeight(),
                right.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth(), 0, null);
        g.dispose();
        return both;
    }

    private static BufferedImage scatter(ConcentricCircles c, float[] points, String title, String xTitle, String yTitle) {
        List<LineChart.Series> series = new ArrayList<>();
        for (int cls = 0; cls < ConcentricCircles.CLASSES.size(); cls++) {
            int count = 0;
            for (int label : c.labels()) {
                count += label == cls ? 1 : 0;
            }
            double[] x = new double[count];
            double[] y = new double[count];
            for (int i = 0, k = 0; i < c.labels().length; i++) {
                if (c.labels()[i] == cls) {
                    x[k] = points[2 * i];
                    y[k++] = points[2 * i + 1];
                }
            }
            series.add(new LineChart.Series(ConcentricCircles.CLASSES.get(cls), x, y, LineChart.Style.SCATTER));
        }
        return LineChart.render(title, xTitle, yTitle, series, false);
    }
}
