package dev.slope.viz;

import dev.slope.optimize.HyperparameterSearch;
import dev.slope.optimize.HyperparameterSearch.Range;
import dev.slope.optimize.HyperparameterSearch.Trial;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Validation accuracy over the first two searched settings that vary: a grid search's points one per
 * cell, random trials binned into 8×8 cells (the best of the trials in each). The first setting grows
 * upwards, the second to the right.
 */
public final class SearchHeatmap {
    /** Cells per axis for random trials. */
    static final int RANDOM_BINS = 8;

    private SearchHeatmap() {
    }

    /** The settings the picture spans: the first two ranges that vary; fewer than two means no picture. */
    public static List<Range> axes(HyperparameterSearch.Plan plan) {
        List<Range> varied = plan.ranges().stream().filter(r -> r.low() < r.high()).toList();
        return varied.size() < 2 ? varied : varied.subList(0, 2);
    }

    /** Validation accuracy over the plan's two searched settings ({@link #axes}), from the trials run. */
    public static BufferedImage render(HyperparameterSearch.Plan plan, List<Trial> trials) {
        List<Range> axes = axes(plan);
        if (axes.size() < 2) {
            throw new IllegalArgumentException("a search heat-map needs two searched settings that vary, got " + axes.size());
        }
        Range a = axes.get(0);
        Range b = axes.get(1);
        boolean grid = plan.trials() == 0;
        int k = grid ? plan.grid() : RANDOM_BINS;
        double[][] cells = new double[k][k];
        for (double[] row : cells) {
            Arrays.fill(row, Double.NaN);
        }
        for (Trial t : trials) {
            if (t.diverged() || Double.isNaN(t.validationAccuracy())) {
                continue;
            }
            int i = bin(a, t.values().get(a.name()), k, grid);
            int j = bin(b, t.values().get(b.name()), k, grid);
            double acc = 100 * t.validationAccuracy();
            cells[i][j] = Double.isNaN(cells[i][j]) ? acc : Math.max(cells[i][j], acc);
        }
        return Heatmap.render("Validation accuracy (%) over " + a.name() + " and " + b.name()
                        + (grid ? "" : ", best trial per cell"), a.name(), b.name(), cells, labels(a, k, grid),
                labels(b, k, grid), true, "%.1f", true);
    }

    static int bin(Range r, double v, int k, boolean grid) {
        double f = r.fraction(v);
        return grid ? (int) Math.round(f * (k - 1)) : Math.min(k - 1, (int) (f * k));
    }

    static List<String> labels(Range r, int k, boolean grid) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            double f = grid ? (k == 1 ? 0 : (double) i / (k - 1)) : (i + 0.5) / k;
            out.add(String.format(Locale.ROOT, "%.2g", r.at(f)));
        }
        return out;
    }
}
