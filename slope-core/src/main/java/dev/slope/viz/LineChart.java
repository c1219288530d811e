package dev.slope.viz;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts (loss and accuracy curves, loss against evaluations or seconds), drawn with XChart. */
public final class LineChart {
    /** Points per series beyond which a curve is thinned (every k-th point kept, the last always). */
    static final int MAX_POINTS = 2000;

    private LineChart() {
    }

    /** One named curve. */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + name + " has " + x.length + " x values but " + y.length + " y");
            }
        }
    }

    /** Steps 0..n-1 as x. */
    public static Series ofSteps(String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return new Series(name, x, y);
    }

    /**
     * @param logY a logarithmic y axis (only if every y value is positive)
     */
    public static BufferedImage render(String title, String xTitle, String yTitle, List<Series> series, boolean logY) {
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        var st = chart.getStyler();
        st.setLegendPosition(series.size() > 3 ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.InsideNE);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotGridLinesColor(new Color(225, 225, 225));
        st.setLegendVisible(series.size() > 1);
        boolean positive = true;
        for (Series s : series) {
            Series t = thin(s);
            for (double v : t.y()) {
                positive &= v > 0;
            }
            XYSeries xy = chart.addSeries(t.name(), t.x(), t.y());
            xy.setMarker(SeriesMarkers.NONE);
        }
        chart.getStyler().setYAxisLogarithmic(logY && positive);
        return BitmapEncoder.getBufferedImage(chart);
    }

    static Series thin(Series s) {
        int n = s.x().length;
        if (n <= MAX_POINTS) {
            return s;
        }
        int every = (n + MAX_POINTS - 1) / MAX_POINTS;
        int m = (n - 1) / every + 1 + ((n - 1) % every == 0 ? 0 : 1);
        double[] x = new double[m];
        double[] y = new double[m];
        int k = 0;
        for (int i = 0; i < n; i += every) {
            x[k] = s.x()[i];
            y[k++] = s.y()[i];
        }
        if (k < m) {
            x[k] = s.x()[n - 1];
            y[k] = s.y()[n - 1];
        }
        return new Series(s.name(), x, y);
    }
}
