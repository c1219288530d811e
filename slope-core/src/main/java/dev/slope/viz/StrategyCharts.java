package dev.slope.viz;

import dev.slope.optimize.StrategyReport;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** The training loss of optimization runs against their work and their time: `slope compare` and `slope lecture`. */
public final class StrategyCharts {
    private StrategyCharts() {
    }

    /** Loss against evaluations (1 = the loss over the whole training split), log scale. */
    public static BufferedImage lossByEvaluations(String title, List<StrategyReport> reports) {
        List<LineChart.Series> series = new ArrayList<>();
        for (StrategyReport r : reports) {
            series.add(new LineChart.Series(r.name(), r.curveEvaluations(), r.curveLoss()));
        }
        return LineChart.render(title, "evaluations (1 = the loss over the whole training split)", "training loss", series,
                true);
    }

    /** Loss against seconds, log scale. */
    public static BufferedImage lossBySeconds(String title, List<StrategyReport> reports) {
        List<LineChart.Series> series = new ArrayList<>();
        for (StrategyReport r : reports) {
            series.add(new LineChart.Series(r.name(), r.curveSeconds(), r.curveLoss()));
        }
        return LineChart.render(title, "seconds", "training loss", series, true);
    }
}
