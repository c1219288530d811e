package dev.slope;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of long work deep inside the core (reading image folders, computing features), for whoever shows it:
 * the command line installs a {@link Reporter} on standard error; a library user may install their own or none (the
 * default reports nothing). Work calls {@link #start}, then {@link Task#advance} from any thread, then
 * {@link Task#close}.
 */
public final class Progress {
    /** Receives a task's start, its count so far (at most a few times a second) and its end. */
    public interface Reporter {
        void update(String what, long done, long total, double seconds, boolean finished);
    }

    private static volatile Reporter reporter = null;

    private Progress() {
    }

    /** Installs the reporter every task reports to (null: none). */
    public static void report(Reporter r) {
        reporter = r;
    }

    /** A task of {@code total} units ("images"), reported as {@code what}. */
    public static Task start(String what, long total) {
        return new Task(what, total, reporter);
    }

    /** One piece of work; thread-safe. */
    public static final class Task implements AutoCloseable {
        private static final long EVERY_NANOS = 250_000_000L;
        private final String what;
        private final long total;
        private final Reporter to;
        private final long started = System.nanoTime();
        private final AtomicLong done = new AtomicLong();
        private final AtomicLong nextReport = new AtomicLong(System.nanoTime() + EVERY_NANOS);

        private Task(String what, long total, Reporter to) {
            this.what = what;
            this.total = total;
            this.to = to;
        }

        /** Counts {@code n} more units done. */
        public void advance(long n) {
            long now = done.addAndGet(n);
            if (to == null) {
                return;
            }
            long t = System.nanoTime();
            long next = nextReport.get();
            if (t >= next && nextReport.compareAndSet(next, t + EVERY_NANOS)) {
                to.update(what, now, total, (t - started) / 1e9, false);
            }
        }

        @Override
        public void close() {
            if (to != null) {
                to.update(what, done.get(), total, (System.nanoTime() - started) / 1e9, true);
            }
        }
    }
}
