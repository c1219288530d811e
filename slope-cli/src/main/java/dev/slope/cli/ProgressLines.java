package dev.slope.cli;

import dev.slope.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows the core's long tasks (reading image folders, computing features) on standard error: on a terminal one line
 * redrawn in place, elsewhere a line every few seconds and one at the end. Work that ends within a second says
 * nothing (unless -Dslope.progress=always).
 */
final class ProgressLines implements Progress.Reporter {
    private final PrintWriter err;
    private final boolean terminal;
    private final boolean always;
    private double lastLine = 0;

    ProgressLines(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
        this.always = "always".equals(System.getProperty("slope.progress"));
    }

    @Override
    public synchronized void update(String what, long done, long total, double seconds, boolean finished) {
        if (!finished && seconds < 1 && !always) {
            return;
        }
        if (finished) {
            if (seconds >= 1 || always || lastLine > 0) {
                err.printf(Locale.ROOT, "%s%s: %d of %d images in %.1fs%n", terminal ? "\r" : "", what, done, total,
                        seconds);
                err.flush();
            }
            lastLine = 0;
            return;
        }
        if (terminal) {
            err.printf(Locale.ROOT, "\r%s: %d of %d images (%.0f%%) ", what, done, total, 100.0 * done / total);
            err.flush();
        } else if (seconds - lastLine >= 5 || always && lastLine == 0) {
            err.printf(Locale.ROOT, "%s: %d of %d images (%.0f%%)%n", what, done, total, 100.0 * done / total);
            err.flush();
            lastLine = Math.max(seconds, 1e-9);
        }
    }
}
