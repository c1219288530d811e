package dev.slope.web;

import dev.slope.data.Datasets;
import dev.slope.data.ImageData;
import dev.slope.linalg.BatchEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slope serve}: starts the web demo and dashboard and prints where to open it. */
@Command(name = "slope serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serves the lecture's interactive linear classifier (W and b by hand or by gradient steps, four"
                + " losses, the regularizer, per-point losses, the live gradient check), kNN and feature transforms on"
                + " 2-D points, and a dashboard that trains on the data given here and streams its curves.",
                "Every number the pages show is computed by Slope's core over a JSON API (docs/api.md)."},
        footer = {"", "Examples:", "  slope serve                       # http://127.0.0.1:8080/, the shipped data",
                "  slope serve --port 0 --data fashion-mnist",
                "  slope serve --host 0.0.0.0        # reachable from other machines: mind who can reach it"})
public final class Main implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "P", defaultValue = "8080", description = "Port (0 picks a free one; default:"
            + " ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1", description = "Address to listen on (default:"
            + " ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--data", paramLabel = "DIR", description = "Dataset the dashboard trains on: a folder (IDX or"
            + " CIFAR-10 binary), 'fashion-mnist', or 'small' for the shipped subset (default).")
    String data;

    @Option(names = "--max-runs", paramLabel = "N", defaultValue = "4", description = "Training runs queued or running"
            + " at once; one more is refused with 429 (default: ${DEFAULT-VALUE}).")
    int maxRuns;

    @Option(names = "--threads", paramLabel = "N", description = "Threads the dashboard's runs compute on, one run at a"
            + " time (default: every core, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    public static void main(String[] args) {
        dev.slope.run.Environment.adopt();
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--port must be in 0..65535, got " + port);
        }
        if (threads < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--threads must be at least 1, got " + threads);
        }
        if (maxRuns < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--max-runs must be at least 1, got " + maxRuns);
        }
        String home = System.getProperty("slope.home");
        BatchEngine engine = new BatchEngine(threads);
        ImageData dataset;
        Path models;
        try {
            dataset = Datasets.open(Datasets.resolve(data, home == null ? null : Path.of(home)),
                    dev.slope.data.ImageFolders.Options.DEFAULT, engine);
            models = Files.createTempDirectory("slope-serve-");
        } catch (RuntimeException | java.io.IOException e) {
            engine.close();
            throw e;
        }
        WebServer server;
        try {
            server = WebServer.start(host, port, new Runs(dataset, maxRuns, models, engine));
        } catch (RuntimeException e) {
            engine.close();
            System.err.println("slope serve: could not listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); is another server on that port? Try --port 0 for a free one.");
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("slope serve: stopping");
            server.close();
            engine.close();
            stopped.countDown();
        }));
        String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        System.out.printf("Slope is serving %s (%d training images) at http://%s:%d/%n", dataset.name(),
                dataset.train().size(), shown, server.port());
        System.out.println("Pages: / (linear classifier), /features.html (kNN and features), /dashboard.html (training)."
                + " Ctrl-C stops.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
