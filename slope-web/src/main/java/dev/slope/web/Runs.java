package dev.slope.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.slope.FieldNames;
import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageData;
import dev.slope.linalg.BatchEngine;
import dev.slope.model.LinearModel;
import dev.slope.model.Parameters;
import dev.slope.model.Provenance;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import dev.slope.learn.TrainingListener;
import dev.slope.run.Summary;
import dev.slope.run.TrainingRun;
import dev.slope.viz.Png;
import dev.slope.viz.WeightTemplates;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard's training runs: started with {@code slope train}'s settings on the data the server was started
 * with, trained by the core's {@link GradientTrainer} on a background thread, watched live over server-sent
 * events, stopped on request, and kept (history, confusion matrix, model file) until the server stops. At most
 * {@link #maxActive} runs are queued or running at once; one more is refused with a 429. Models are written only
 * to the server's own directory, and only a run's own model is served. Thread-safe.
 */
public final class Runs implements AutoCloseable {
    /** The most epochs one run may ask for. */
    static final int MAX_EPOCHS = 500;

    private final ImageData data;
    private final int maxActive;
    private final Path dir;
    private final ExecutorService pool;
    private final BatchEngine engine;
    private final Map<Integer, Run> runs = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    /**
     * @param data      what every run trains on
     * @param maxActive runs queued or running at once (runs train one at a time, in order)
     * @param dir       where the models are written (created if needed)
     * @param engine    what every run computes on, one run at a time (owned by the caller: the server's threads)
     */
    public Runs(ImageData data, int maxActive, Path dir, BatchEngine engine) {
        this.data = data;
        this.maxActive = maxActive;
        this.dir = dir;
        this.engine = engine;
        this.pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "slope-run");
            t.setDaemon(true);
            return t;
        });
    }

    /** The dataset runs train on. */
    public ImageData data() {
        return data;
    }

    void routes(RoutesConfig r) {
        r.get("/api/data", ctx -> {
            JsonObject o = new JsonObject();
            o.addProperty("name", data.name());
            o.addProperty("train", data.train().size());
            o.addProperty("test", data.test().size());
            o.addProperty("shape", data.train().height() + "x" + data.train().width() + "x" + data.train().channels());
            JsonArray names = new JsonArray();
            data.train().classNames().forEach(names::add);
            o.add("classes", names);
            WebServer.json(ctx, 200, o);
        });
        r.post("/api/runs", ctx -> WebServer.json(ctx, 201, create(Bodies.object(WebServer.jsonBody(ctx))).state()));
        r.get("/api/runs", ctx -> {
            JsonArray a = new JsonArray();
            for (Run run : list()) {
                a.add(run.summary());
            }
            WebServer.json(ctx, 200, a);
        });
        r.get("/api/runs/{id}", ctx -> WebServer.json(ctx, 200, run(ctx).state()));
        r.post("/api/runs/{id}/stop", ctx -> {
            Run run = run(ctx);
            run.stopRequested = true;
            WebServer.json(ctx, 200, run.state());
        });
        r.get("/api/runs/{id}/templates.png", ctx -> {
            byte[] png = run(ctx).templates;
            if (png == null) {
                throw new ApiError(404, null, "no weights yet: the run has not finished an epoch");
            }
            ctx.status(200).contentType("image/png").header("Cache-Control", "no-store").result(png);
        });
        r.get("/api/runs/{id}/model", ctx -> {
            Run run = run(ctx);
            Path model = modelFile(ctx.pathParam("id"));
            ctx.status(200).contentType("application/octet-stream")
                    .header("Content-Disposition", "attachment; filename=\"run-" + run.id + ".slope\"")
                    .result(Files.readAllBytes(model));
        });
        r.sse("/api/runs/{id}/events", this::events);
    }

    private synchronized List<Run> list() {
        return new ArrayList<>(runs.values());
    }

    private Run run(Context ctx) {
        return run(ctx.pathParam("id"));
    }

    /** The model file of run {@code id}: 404 for no such run, 409 while it has none yet. */
    Path modelFile(String id) {
        Run run = run(id);
        Path model = run.model;
        if (model == null) {
            throw new ApiError(409, null, "run " + run.id + " has no model yet (status " + run.status + ")");
        }
        return model;
    }

    private Run run(String id) {
        Run run;
        synchronized (this) {
            try {
                run = runs.get(Integer.parseInt(id));
            } catch (NumberFormatException e) {
                run = null;
            }
        }
        if (run == null) {
            throw new ApiError(404, "id", "no run " + id + " (GET /api/runs lists them)");
        }
        return run;
    }

    /** Starts a run from {@code {"settings": {"loss": "svm", "epochs": 5, ...}}} (every setting optional). */
    Run create(JsonObject body) {
        Bodies.onlyFields(body, "settings");
        JsonElement s = body.get("settings");
        if (s != null && !s.isJsonNull() && !s.isJsonObject()) {
            throw ApiError.bad("settings", "'settings' must be an object of slope train settings, got " + Bodies.kind(s));
        }
        TrainConfig.Builder b = TrainConfig.builder();
        Map<String, String> given = new LinkedHashMap<>();
        if (s != null && s.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : s.getAsJsonObject().entrySet()) {
                String field = "settings." + e.getKey();
                if (!(e.getValue() instanceof JsonPrimitive p)) {
                    throw ApiError.bad(field, "'" + field + "' must be a number, a string or a boolean, got "
                            + Bodies.kind(e.getValue()));
                }
                try {
                    b.parse(e.getKey().replace('-', '_'), p.getAsString());
                } catch (IllegalArgumentException ex) {
                    throw ApiError.bad(field, FieldNames.KEYS.messageOf(ex));
                }
                given.put(e.getKey(), p.getAsString());
            }
        }
        TrainConfig config;
        try {
            config = b.build();
        } catch (IllegalArgumentException ex) {
            throw ApiError.bad("settings", FieldNames.KEYS.messageOf(ex));
        }
        if (config.get(Settings.EPOCHS) > MAX_EPOCHS) {
            throw ApiError.bad("settings.epochs", "a run on the server may have at most " + MAX_EPOCHS + " epochs");
        }
        Run run;
        synchronized (this) {
            long active = runs.values().stream().filter(r -> !r.status.ended()).count();
            if (active >= maxActive) {
                throw new ApiError(429, null, active + " runs are already queued or running (the most is " + maxActive
                        + "); stop one or wait for one to end");
            }
            run = new Run(ids.incrementAndGet(), config, given);
            runs.put(run.id, run);
        }
        pool.submit(() -> train(run));
        return run;
    }

    private void train(Run run) {
        if (run.stopRequested) {
            run.end(Status.STOPPED, "stopped before it started");
            return;
        }
        run.status = Status.RUNNING;
        run.broadcast("state", run.state());
        try {
            TrainConfig config = run.config;
            Files.createDirectories(dir);
            Path model = dir.resolve("run-" + run.id + ".slope");
            TrainingRun.Outcome outcome = TrainingRun.run(TrainingRun.Request.of(config, data).savingTo(model), engine,
                    TrainingRun.LOCAL, new TrainingListener() {
                        private TrainingPlan plan;
                        private Parameters latest;

                        @Override
                        public void onStart(TrainingPlan plan) {
                            this.plan = plan;
                            run.steps = (long) plan.epochs() * plan.stepsPerEpoch();
                        }

                        @Override
                        public void onStep(StepReport report) {
                            run.step = report.globalStep() + 1;
                            if (latest == null) {
                                latest = report.parameters().copy();
                            } else {
                                latest.set(report.parameters());
                            }
                        }

                        @Override
                        public void onEpoch(EpochReport report) {
                            JsonObject e = new JsonObject();
                            e.addProperty("epoch", report.epoch());
                            e.addProperty("epochs", report.epochs());
                            e.addProperty("loss", report.meanLoss());
                            e.addProperty("train_accuracy", report.trainAccuracy());
                            e.addProperty("validation_accuracy", report.validationAccuracy());
                            e.addProperty("validation_loss", report.validationLoss());
                            e.addProperty("seconds", report.seconds());
                            run.history.add(e);
                            if (latest != null) {
                                LinearModel now = new LinearModel(plan.classNames(), plan.pipeline(), latest.copy(),
                                        config.objective().loss(), Provenance.now(Map.of(), DatasetInfo.unhashed(data),
                                                plan.kernel()));
                                run.templates = Png.encode(WeightTemplates.render(now));
                            }
                            run.broadcast("epoch", e);
                        }

                        @Override
                        public boolean stopRequested() {
                            return run.stopRequested;
                        }
                    });
            run.templates = Png.encode(WeightTemplates.render(outcome.model()));
            run.model = model;
            run.testAccuracy = outcome.test().accuracy();
            run.confusion = outcome.test().confusion();
            run.result = outcome.summary();
            run.end(run.stopRequested ? Status.STOPPED : Status.FINISHED, null);
        } catch (RuntimeException | IOException e) {
            run.end(Status.FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void events(SseClient client) {
        Run run;
        try {
            run = run(client.ctx());
        } catch (ApiError e) {
            JsonObject o = new JsonObject();
            o.addProperty("error", e.getMessage());
            client.sendEvent("error", WebServer.GSON.toJson(o));
            client.close();
            return;
        }
        client.keepAlive();
        client.onClose(() -> run.clients.remove(client));
        run.clients.add(client);
        synchronized (client) {
            client.sendEvent("state", WebServer.GSON.toJson(run.state()));
        }
        if (run.status.ended()) {
            run.clients.remove(client);
            client.close();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        synchronized (this) {
            runs.values().forEach(r -> r.stopRequested = true);
        }
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    enum Status {
        QUEUED, RUNNING, FINISHED, STOPPED, FAILED;

        boolean ended() {
            return this == FINISHED || this == STOPPED || this == FAILED;
        }

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One run: written by its training thread, read by requests. */
    static final class Run {
        final int id;
        final TrainConfig config;
        final Map<String, String> given;
        final List<JsonObject> history = new CopyOnWriteArrayList<>();
        final List<SseClient> clients = new CopyOnWriteArrayList<>();
        final long created = System.currentTimeMillis();
        volatile Status status = Status.QUEUED;
        volatile boolean stopRequested;
        volatile long step;
        volatile long steps;
        volatile byte[] templates;
        volatile Path model;
        volatile double testAccuracy = Double.NaN;
        volatile int[][] confusion;
        /** The run's summary once it has ended with a model: the keys of {@code slope train --json}. */
        volatile Summary result;
        volatile String message;

        Run(int id, TrainConfig config, Map<String, String> given) {
            this.id = id;
            this.config = config;
            this.given = given;
        }

        JsonObject summary() {
            JsonObject o = new JsonObject();
            o.addProperty("id", id);
            o.addProperty("status", status.label());
            JsonObject settings = new JsonObject();
            settings.addProperty("loss", config.get(Settings.LOSS));
            settings.addProperty("reg_type", config.get(Settings.REG_TYPE));
            settings.addProperty("reg", config.get(Settings.REG));
            settings.addProperty("update", config.get(Settings.UPDATE));
            settings.addProperty("lr", config.optimizer().lr());
            settings.addProperty("lr_schedule", config.get(Settings.LR_SCHEDULE));
            settings.addProperty("batch_size", config.get(Settings.BATCH_SIZE));
            settings.addProperty("epochs", config.get(Settings.EPOCHS));
            o.add("settings", settings);
            JsonObject given = new JsonObject();
            this.given.forEach(given::addProperty);
            o.add("given", given);
            o.addProperty("step", step);
            o.addProperty("steps", steps);
            o.addProperty("epochs_done", history.size());
            if (!history.isEmpty()) {
                JsonObject last = history.get(history.size() - 1);
                o.add("loss", last.get("loss"));
                o.add("validation_accuracy", last.get("validation_accuracy"));
            }
            if (!Double.isNaN(testAccuracy)) {
                o.addProperty("test_accuracy", testAccuracy);
            }
            if (message != null) {
                o.addProperty("message", message);
            }
            o.addProperty("created", created);
            o.addProperty("has_model", model != null);
            return o;
        }

        JsonObject state() {
            JsonObject o = summary();
            JsonArray h = new JsonArray();
            history.forEach(h::add);
            o.add("history", h);
            if (confusion != null) {
                o.add("confusion", WebServer.GSON.toJsonTree(confusion));
            }
            if (result != null) {
                o.add("summary", WebServer.GSON.toJsonTree(result.toJson()));
            }
            return o;
        }

        void broadcast(String event, JsonObject payload) {
            String json = WebServer.GSON.toJson(payload);
            for (SseClient c : clients) {
                synchronized (c) {
                    if (c.terminated()) {
                        clients.remove(c);
                    } else {
                        c.sendEvent(event, json);
                    }
                }
            }
        }

        void end(Status how, String why) {
            message = why;
            status = how;
            broadcast("end", state());
            for (SseClient c : clients) {
                clients.remove(c);
                c.close();
            }
        }
    }
}
