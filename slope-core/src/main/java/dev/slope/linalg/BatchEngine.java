package dev.slope.linalg;

import dev.slope.SlopeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs per-block work over the rows of a batch on up to {@link #threads()} threads: rows {@code from..to}
 * are cut into contiguous parts; the calling thread runs its share of them and the pool the rest.
 * The engine knows no loss and keeps no per-call state, so several callers may use one engine at once;
 * each caller brings its own per-part buffers (see {@link BlockTask}).
 *
 * <p>Whoever creates an engine owns it and closes it (its pool threads are daemons, so a forgotten
 * engine does not keep the JVM alive, but its threads stay until it is closed).
 */
public final class BatchEngine implements AutoCloseable {
    /** Rows per part below which work stays on fewer threads. */
    public static final int MIN_ROWS_PER_PART = 64;

    private final int threads;
    private final RowKernel kernel;
    private final ExecutorService pool;

    /** An engine on {@code threads} threads with the fastest kernel this JVM runs. */
    public BatchEngine(int threads) {
        this(threads, RowKernel.best());
    }

    public BatchEngine(int threads, RowKernel kernel) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.kernel = kernel;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "slope-engine");
            t.setDaemon(true);
            return t;
        });
    }

    private static final BatchEngine ON_CALLER = new BatchEngine(1);

    /**
     * The engine that runs every part on the calling thread and has no thread of its own (closing it does nothing):
     * what core uses where its caller gives no engine. Core never starts threads for a run's work; pass an engine for
     * parallel work. Shared: it keeps no state between calls.
     */
    public static BatchEngine onCaller() {
        return ON_CALLER;
    }

    /** An engine on every core of this machine. */
    public static BatchEngine allCores() {
        return new BatchEngine(Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return threads;
    }

    /** The row kernel every part uses. */
    public RowKernel kernel() {
        return kernel;
    }

    /**
     * The most parts a batch is cut into, whatever the number of threads. A sum over a batch is formed per part and the
     * parts are merged in part order, so the parts must not depend on the threads: then a result is the same bit for
     * bit on 1, 2 or 8 threads (a thread runs several parts one after the other when there are more parts than threads).
     */
    public static final int MAX_PARTS = 8;

    /**
     * How many parts {@code rows} rows are cut into: a power of two (so 1, 2, 4 or 8 threads share them evenly), at
     * most {@value #MAX_PARTS}, at least {@value #MIN_ROWS_PER_PART} rows each. Depends on {@code rows} only.
     */
    public int parts(int rows) {
        return partsOf(rows);
    }

    /** {@link #parts}, for work cut the same way elsewhere (a distributed pass makes one partition per part). */
    public static int partsOf(int rows) {
        return Integer.highestOneBit(Math.max(1, Math.min(MAX_PARTS, rows / MIN_ROWS_PER_PART)));
    }

    /** The work of one part: rows {@code from..to} of the batch, with {@code part} in 0..parts-1. */
    @FunctionalInterface
    public interface BlockTask {
        void run(int part, int from, int to);
    }

    /**
     * Runs {@code task} over rows {@code from..to} cut into {@code parts} contiguous parts (part p covers
     * {@code from + n·p/parts .. from + n·(p+1)/parts}) and waits for all of them. With more parts than threads,
     * thread t runs parts t, t + T, t + 2T, … in turn. An exception in a part is rethrown here.
     */
    public void run(int from, int to, int parts, BlockTask task) {
        int n = to - from;
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1, got " + parts);
        }
        if (parts == 1) {
            task.run(0, from, to);
            return;
        }
        int workers = Math.min(threads, parts);
        List<Future<?>> futures = new ArrayList<>(workers - 1);
        for (int t = 1; t < workers; t++) {
            int first = t;
            futures.add(pool.submit(() -> runParts(from, n, parts, first, workers, task)));
        }
        Throwable first = null;
        try {
            runParts(from, n, parts, 0, workers, task);
        } catch (Throwable e) {
            first = e;
        }
        // Wait for every part even after a failure or an interrupt: a part still running writes into the
        // caller's buffers, so run must not return before all of them have stopped.
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            if (first == null) {
                first = new SlopeException("interrupted");
            }
        }
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first instanceof Error err) {
            throw err;
        }
        if (first != null) {
            throw new SlopeException("a worker failed: " + first, first);
        }
    }

    private static void runParts(int from, int n, int parts, int first, int step, BlockTask task) {
        for (int p = first; p < parts; p += step) {
            task.run(p, from + (int) ((long) n * p / parts), from + (int) ((long) n * (p + 1) / parts));
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
