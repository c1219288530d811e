package dev.slope.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts (loss and accuracy curves, loss against evaluations or seconds), drawn with XChart in the
 * Okabe–Ito colours, which stay distinct for colour-blind readers; the legend sits outside the plot so it
 * never covers a curve.
 */
public final class LineChart {
    /** Points per series beyond which a curve is thinned (every k-th point kept, the last always). */
    static final int MAX_POINTS = 2000;

    /** Okabe and Ito's colour-blind-safe palette, yellow last (it is faint on white). */
    static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442)};

    /** How a curve is drawn. */
    public enum Style { LINE, THIN, DASHED, POINTS, SCATTER }

    private LineChart() {
    }

    /** One named curve. */
    public record Series(String name, double[] x, double[] y, Style style) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + name + " has " + x.length + " x values but " + y.length + " y");
            }
        }

        public Series(String name, double[] x, double[] y) {
            this(name, x, y, Style.LINE);
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
        return render(title, xTitle, yTitle, series, logY, false);
    }

    /**
     * @param logY       a logarithmic y axis (only if every y value is positive)
     * @param wholeTicks label the x axis at whole numbers only (epochs)
     */
    public static BufferedImage render(String title, String xTitle, String yTitle, List<Series> series, boolean logY,
                                       boolean wholeTicks) {
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        var st = chart.getStyler();
        st.setLegendPosition(series.size() > 3 ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.OutsideE);
        st.setChartBackgroundColor(Color.WHITE);
        st.setLegendBorderColor(Color.WHITE);
        st.setPlotGridLinesColor(new Color(225, 225, 225));
        st.setLegendVisible(series.size() > 1);
        st.setSeriesColors(PALETTE);
        st.setXAxisDecimalPattern("#,##0.##");
        boolean positive = true;
        for (Series s : series) {
            Series t = thin(s);
            for (double v : t.y()) {
                positive &= v > 0;
            }
            XYSeries xy = chart.addSeries(t.name(), t.x(), t.y());
            xy.setMarker(t.style() == Style.POINTS || t.style() == Style.SCATTER ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            if (t.style() == Style.SCATTER) {
                xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
            switch (t.style()) {
                case THIN -> xy.setLineStyle(new BasicStroke(1f));
                case DASHED -> xy.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {6f, 4f}, 0f));
                case POINTS, SCATTER -> xy.setLineStyle(new BasicStroke(0f));
                default -> xy.setLineStyle(new BasicStroke(2.5f));
            }
        }
        st.setYAxisLogarithmic(logY && positive);
        if (wholeTicks) {
            st.setXAxisTickMarkSpacingHint(60);
            chart.setCustomXAxisTickLabelsFormatter(x -> Math.abs(x - Math.rint(x)) < 1e-9
                    ? Long.toString(Math.round(x)) : "");
        }
        // on a log axis, label 2 and 5 of each decade too, not only the powers of ten
        st.setYAxisLogarithmicDecadeOnly(false);
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
        return new Series(s.name(), x, y, s.style());
    }
}
