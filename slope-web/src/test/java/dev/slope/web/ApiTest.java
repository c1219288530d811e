package dev.slope.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slope.io.ModelFile;
import dev.slope.model.LinearModel;
import dev.slope.optimize.Setting;
import dev.slope.optimize.Settings;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API over real HTTP against a started server. */
class ApiTest {
    static WebServer server;

    @BeforeAll
    static void start() {
        server = Servers.start(2);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonObject json(HttpResponse<String> r) {
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    @Test
    void health() {
        HttpResponse<String> r = Servers.get(server, "/api/health");
        assertEquals(200, r.statusCode());
        assertEquals("ok", json(r).get("status").getAsString());
        assertFalse(json(r).get("version").getAsString().isBlank());
        assertEquals(WebServer.MAX_BODY, json(r).get("max_body_bytes").getAsLong());
    }

    // ---- the playground's numbers, against an independent computation in plain double loops

    static final double[][] POINTS = {{0.5, 0.4}, {0.8, 0.3}, {0.3, 0.8}, {-0.4, 0.3}, {-0.3, 0.7}, {-0.7, 0.2},
            {0.7, -0.4}, {0.5, -0.6}, {-0.4, -0.5}};
    static final int[] LABELS = {0, 0, 0, 1, 1, 1, 2, 2, 2};
    static final double[][] W = {{1, 2}, {2, -4}, {3, -1}};
    static final double[] B = {0, 0.5, -0.5};

    static double independentLoss(String loss, String reg, double lambda, double[][] w, double[] b) {
        double sum = 0;
        for (int i = 0; i < POINTS.length; i++) {
            double[] s = new double[w.length];
            for (int c = 0; c < w.length; c++) {
                s[c] = w[c][0] * POINTS[i][0] + w[c][1] * POINTS[i][1] + b[c];
            }
            int y = LABELS[i];
            double li = 0;
            switch (loss) {
                case "svm" -> {
                    for (int j = 0; j < s.length; j++) {
                        li += j == y ? 0 : Math.max(0, s[j] - s[y] + 1);
                    }
                }
                case "ova" -> {
                    for (int j = 0; j < s.length; j++) {
                        li += Math.max(0, 1 - (j == y ? 1 : -1) * s[j]);
                    }
                }
                case "structured" -> {
                    double worst = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < s.length; j++) {
                        worst = j == y ? worst : Math.max(worst, s[j]);
                    }
                    li = Math.max(0, 1 + worst - s[y]);
                }
                default -> {
                    double z = 0;
                    for (double v : s) {
                        z += Math.exp(v);
                    }
                    li = -Math.log(Math.exp(s[y]) / z);
                }
            }
            sum += li;
        }
        double r = 0;
        for (double[] row : w) {
            for (double v : row) {
                r += switch (reg) {
                    case "l2" -> v * v;
                    case "l1" -> Math.abs(v);
                    case "elasticnet" -> v * v + Math.abs(v); // beta 1, the default
                    default -> 0;
                };
            }
        }
        return sum / POINTS.length + lambda * r;
    }

    /** The same problem through the core's ExactObjective directly (what `slope` computes). */
    static dev.slope.objective.ExactObjective.Breakdown core(String loss, String reg) {
        var objective = dev.slope.optimize.TrainConfig.builder().parse("loss", loss).parse("reg_type", reg).parse("reg", "0.1")
                .build().objective();
        double[] x = new double[POINTS.length * 2];
        for (int i = 0; i < POINTS.length; i++) {
            x[2 * i] = POINTS[i][0];
            x[2 * i + 1] = POINTS[i][1];
        }
        var f = new dev.slope.objective.ExactObjective(objective, x, LABELS, 2, 3, true, false);
        return f.breakdown(new double[] {W[0][0], W[0][1], W[1][0], W[1][1], W[2][0], W[2][1], B[0], B[1], B[2]});
    }

    static String stepBody(String loss, String reg, double lambda, double step, boolean numerical) {
        JsonObject o = new JsonObject();
        o.add("points", Servers.GSON_TREE(POINTS));
        o.add("labels", Servers.GSON_TREE(LABELS));
        o.add("W", Servers.GSON_TREE(W));
        o.add("b", Servers.GSON_TREE(B));
        o.addProperty("loss", loss);
        o.addProperty("reg_type", reg);
        o.addProperty("reg", lambda);
        o.addProperty("step_size", step);
        o.addProperty("numerical", numerical);
        return o.toString();
    }

    @Test
    void everyLossAndRegularizerMatchesAnIndependentComputation() {
        for (String loss : Playground.LOSSES) {
            for (String reg : Playground.REGULARIZERS) {
                String what = loss + "/" + reg;
                HttpResponse<String> r = Servers.post(server, "/api/playground/step", stepBody(loss, reg, 0.1, 0.05, true));
                assertEquals(200, r.statusCode(), r.body());
                JsonObject o = json(r);
                double total = independentLoss(loss, reg, 0.1, W, B);
                assertEquals(total, o.get("total_loss").getAsDouble(), 1e-12, what);
                assertEquals(core(loss, reg).total(), o.get("total_loss").getAsDouble(), 0, what + ": the core's own number");
                assertEquals(core(loss, reg).accuracy(), o.get("accuracy").getAsDouble(), 0, what);
                assertEquals(independentLoss(loss, "none", 0, W, B), o.get("data_loss").getAsDouble(), 1e-12, what);
                // the analytic gradient against centred differences of the independent loss
                JsonArray grad = o.getAsJsonArray("grad_W");
                JsonArray next = o.getAsJsonArray("next_W");
                for (int c = 0; c < 3; c++) {
                    for (int j = 0; j < 2; j++) {
                        double[][] plus = copy(W);
                        double[][] minus = copy(W);
                        plus[c][j] += 1e-6;
                        minus[c][j] -= 1e-6;
                        double numerical = (independentLoss(loss, reg, 0.1, plus, B) - independentLoss(loss, reg, 0.1, minus, B))
                                / 2e-6;
                        double g = grad.get(c).getAsJsonArray().get(j).getAsDouble();
                        assertEquals(numerical, g, 1e-5, what + " dW[" + c + "][" + j + "]");
                        assertEquals(W[c][j] - 0.05 * g, next.get(c).getAsJsonArray().get(j).getAsDouble(), 1e-12);
                        double served = o.getAsJsonArray("num_grad_W").get(c).getAsJsonArray().get(j).getAsDouble();
                        assertEquals(numerical, served, 1e-5, what + " the served numerical gradient");
                    }
                }
                // b is not penalized: its gradient is the data loss's alone
                JsonArray gb = o.getAsJsonArray("grad_b");
                for (int c = 0; c < 3; c++) {
                    double[] plus = B.clone();
                    double[] minus = B.clone();
                    plus[c] += 1e-6;
                    minus[c] -= 1e-6;
                    double numerical = (independentLoss(loss, reg, 0.1, W, plus) - independentLoss(loss, reg, 0.1, W, minus))
                            / 2e-6;
                    assertEquals(numerical, gb.get(c).getAsDouble(), 1e-5, what + " db[" + c + "]");
                }
            }
        }
    }

    @Test
    void theLecturePresetStartsWrongWithAPositiveLoss() {
        JsonObject preset = json(Servers.get(server, "/api/playground/preset/lecture"));
        assertEquals(9, preset.getAsJsonArray("points").size());
        JsonObject body = preset.deepCopy();
        body.addProperty("loss", "svm");
        body.addProperty("reg", 0.1);
        JsonObject r = json(Servers.post(server, "/api/playground/step", body.toString()));
        // docs/api.md: "Only 2 of the 9 are classified right (22.2%); the SVM's total loss with λ = 0.1 is 6.27"
        assertEquals(2.0 / 9, r.get("accuracy").getAsDouble(), 1e-12);
        assertEquals(6.27, r.get("total_loss").getAsDouble(), 0.005);
        // one step with the default step size lowers the total loss
        body.add("W", r.get("next_W"));
        body.add("b", r.get("next_b"));
        JsonObject after = json(Servers.post(server, "/api/playground/step", body.toString()));
        assertTrue(after.get("total_loss").getAsDouble() < r.get("total_loss").getAsDouble());
    }

    @Test
    void kNearestNeighbourRegionsSplitThePlaneBetweenTwoPoints() {
        String body = "{\"points\": [[-1, 0], [1, 0]], \"labels\": [0, 1], \"classes\": 2, \"k\": 1, \"grid\": 4,"
                + " \"range\": 2}";
        JsonObject r = json(Servers.post(server, "/api/knn/regions", body));
        assertEquals("[0,0,1,1,0,0,1,1,0,0,1,1,0,0,1,1]", r.getAsJsonArray("classes").toString());
    }

    @Test
    void anImageGetsTheLecturesHogCellsAndItsHistogram() throws Exception {
        JsonObject sample = json(Servers.get(server, "/api/features/sample?index=3"));
        assertEquals(28, sample.get("height").getAsInt());
        JsonObject hog = sample.getAsJsonObject("hog");
        assertEquals(3 * 3 * 9, hog.getAsJsonArray("values").size(), "28x28 pixels: 3x3 cells of 8, 9 bins");
        assertEquals(16, sample.getAsJsonObject("histogram").getAsJsonArray("values").size());
        // an upload: a 320x240 picture with one vertical edge (all its gradient in the 0-degree bin)
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(320, 240, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 240; y++) {
            for (int x = 160; x < 320; x++) {
                img.setRGB(x, y, 0xFF0000);
            }
        }
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", png);
        HttpResponse<String> r = Servers.send(HttpRequest.newBuilder(Servers.uri(server, "/api/features/image"))
                .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(png.toByteArray())).build());
        assertEquals(200, r.statusCode(), r.body());
        JsonObject up = json(r);
        assertEquals(240, up.get("height").getAsInt(), "the lecture's 320x240 image keeps its size");
        JsonArray values = up.getAsJsonObject("hog").getAsJsonArray("values");
        assertEquals(40 * 30 * 9, values.size(), "the lecture's 10,800 numbers");
        double bin0 = 0;
        double all = 0;
        for (int i = 0; i < values.size(); i++) {
            all += values.get(i).getAsDouble();
            bin0 += i % 9 == 0 ? values.get(i).getAsDouble() : 0;
        }
        assertTrue(bin0 > 0.99 * all, "one edge direction fills one bin: " + bin0 + " of " + all);
        assertBad(400, null, "not an image", Servers.send(HttpRequest.newBuilder(Servers.uri(server, "/api/features/image"))
                .POST(HttpRequest.BodyPublishers.ofString("plain text")).build()));
        assertBad(400, "index", "must be in", Servers.get(server, "/api/features/sample?index=99999"));
    }

    @Test
    void concurrentRequestsAllGetTheirOwnAnswer() {
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String loss = Playground.LOSSES.get(i % 4);
            calls.add(Servers.HTTP.sendAsync(HttpRequest.newBuilder(Servers.uri(server, "/api/playground/step"))
                    .POST(HttpRequest.BodyPublishers.ofString(stepBody(loss, "l2", 0.1, 0.1, false))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < calls.size(); i++) {
            HttpResponse<String> r = calls.get(i).join();
            assertEquals(200, r.statusCode());
            assertEquals(independentLoss(Playground.LOSSES.get(i % 4), "l2", 0.1, W, B),
                    json(r).get("total_loss").getAsDouble(), 1e-12);
        }
    }

    // ---- bad requests: a 4xx with a message naming the field, and the server stays up

    @Test
    void badPlaygroundRequestsAreNamed() {
        String good = stepBody("svm", "l2", 0.1, 0.1, false);
        assertBad(400, null, "not valid JSON", Servers.post(server, "/api/playground/step", "{\"W\": [[1, 2]"));
        assertBad(400, null, "must be a JSON object", Servers.post(server, "/api/playground/step", "[1, 2]"));
        assertBad(400, null, "no body", Servers.post(server, "/api/playground/step", ""));
        assertBad(400, "labels", "missing", Servers.post(server, "/api/playground/step", without(good, "labels")));
        assertBad(400, "W", "must be an array", Servers.post(server, "/api/playground/step", with(good, "W", "\"big\"")));
        assertBad(400, "W[1]", "exactly 2", Servers.post(server, "/api/playground/step",
                with(good, "W", "[[1, 2], [1, 2, 3], [0, 0]]")));
        assertBad(400, "b", "exactly 3", Servers.post(server, "/api/playground/step", with(good, "b", "[0, 0]")));
        assertBad(400, "W", "2 to 10", Servers.post(server, "/api/playground/step", with(good, "W", "[[1, 2]]")));
        assertBad(400, "W", "2 to 10", Servers.post(server, "/api/playground/step",
                with(good, "W", "[" + "[0, 0],".repeat(10) + "[0, 0]]")));
        assertBad(400, "reg", "[0,", Servers.post(server, "/api/playground/step", with(good, "reg", "-1")));
        assertBad(400, "step_size", "[0,", Servers.post(server, "/api/playground/step", with(good, "step_size", "-0.5")));
        assertBad(400, "reg", "must be a number", Servers.post(server, "/api/playground/step", with(good, "reg", "NaN")));
        assertBad(400, "reg", "finite", Servers.post(server, "/api/playground/step", with(good, "reg", "1e400")));
        assertBad(400, "W[0][0]", "must be a number", Servers.post(server, "/api/playground/step",
                with(good, "W", "[[Infinity, 2], [1, 2], [0, 0]]")));
        assertBad(400, "labels[0]", "in [0, 2]", Servers.post(server, "/api/playground/step",
                with(good, "labels", "[3, 0, 0, 1, 1, 1, 2, 2, 2]")));
        assertBad(400, "labels[0]", "whole number", Servers.post(server, "/api/playground/step",
                with(good, "labels", "[0.5, 0, 0, 1, 1, 1, 2, 2, 2]")));
        assertBad(400, "loss", "svm, ova, structured, softmax", Servers.post(server, "/api/playground/step",
                with(good, "loss", "\"hinge\"")));
        StringBuilder many = new StringBuilder("[");
        StringBuilder labels = new StringBuilder("[");
        for (int i = 0; i <= Playground.MAX_POINTS; i++) {
            many.append(i == 0 ? "" : ",").append("[0, 0]");
            labels.append(i == 0 ? "" : ",").append("0");
        }
        assertBad(400, "points", "1 to " + Playground.MAX_POINTS, Servers.post(server, "/api/playground/step",
                with(with(good, "points", many + "]"), "labels", labels + "]")));
        // a body past the limit: the server answers 413 from the headers alone, before any of the body is sent
        // (over a raw socket with a read timeout: a client library's Expect: 100-continue handling must not decide
        // whether this test finishes; JDK 17's HttpClient can wait forever for a 100 that never comes)
        String tooBig = Servers.rawExchange(server, "POST /api/playground/step HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + (WebServer.MAX_BODY + 1)
                + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");
        assertTrue(tooBig.startsWith("HTTP/1.1 413"), tooBig);
        assertTrue(tooBig.contains("bytes"), tooBig);
        assertBad(404, null, "no such endpoint", Servers.get(server, "/api/nothing"));
        assertBad(404, "name", "no preset", Servers.get(server, "/api/playground/preset/spiral"));
        assertBad(400, "k", "[1, 2]", Servers.post(server, "/api/knn/regions",
                "{\"points\": [[0, 0], [1, 1]], \"labels\": [0, 1], \"classes\": 2, \"k\": 3}"));
        assertEquals(200, Servers.get(server, "/api/health").statusCode(), "still up");
    }

    static void assertBad(int status, String field, String words, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        JsonObject o = json(r);
        assertTrue(o.get("error").getAsString().contains(words), o.toString());
        if (field != null) {
            assertEquals(field, o.get("field").getAsString(), o.toString());
        }
    }

    static String with(String body, String field, String rawValue) {
        JsonObject o = JsonParser.parseString(body).getAsJsonObject();
        o.remove(field);
        String rest = o.toString();
        return "{\"" + field + "\": " + rawValue + (o.size() == 0 ? "}" : ", " + rest.substring(1));
    }

    static String without(String body, String field) {
        JsonObject o = JsonParser.parseString(body).getAsJsonObject();
        o.remove(field);
        return o.toString();
    }

    static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    // ---- training runs

    @Test
    void aRunStreamsItsEpochsAndLeavesALoadableModel(@TempDir Path tmp) throws Exception {
        HttpResponse<String> created = Servers.post(server, "/api/runs",
                "{\"settings\": {\"epochs\": 3, \"loss\": \"svm\", \"lr\": 0.05}}");
        assertEquals(201, created.statusCode(), created.body());
        int id = json(created).get("id").getAsInt();
        List<String> events = new ArrayList<>();
        HttpResponse<InputStream> stream = Servers.HTTP.send(HttpRequest.newBuilder(Servers.uri(server,
                "/api/runs/" + id + "/events")).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("event:")) {
                    events.add(line.substring(6).trim());
                    if (line.contains("end")) {
                        break;
                    }
                }
            }
        }
        assertEquals("state", events.get(0));
        assertEquals("end", events.get(events.size() - 1));
        JsonObject run = json(Servers.get(server, "/api/runs/" + id));
        assertEquals("finished", run.get("status").getAsString(), run.toString());
        assertEquals(3, run.getAsJsonArray("history").size());
        assertEquals(10, run.getAsJsonArray("confusion").size());
        JsonObject summary = run.getAsJsonObject("summary");
        assertEquals(dev.slope.run.Summary.KEYS, List.copyOf(summary.keySet()), "slope train --json's keys, in order");
        assertEquals(Servers.GSON_TREE(dev.slope.optimize.TrainConfig.builder().parse("epochs", "3").parse("loss", "svm")
                .parse("lr", "0.05").build().toJson()), summary.get("config"), "the settings, typed as slope train's");
        assertEquals(3, summary.get("epochs_run").getAsInt());
        HttpResponse<byte[]> model = Servers.HTTP.send(HttpRequest.newBuilder(Servers.uri(server,
                "/api/runs/" + id + "/model")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, model.statusCode());
        Path file = tmp.resolve("run.slope");
        Files.write(file, model.body());
        LinearModel loaded = ModelFile.load(file);
        assertEquals(10, loaded.classNames().size());
        assertEquals(200, Servers.get(server, "/api/runs/" + id + "/templates.png").statusCode());
        assertTrue(Servers.get(server, "/api/runs").body().contains("\"id\":" + id));
    }

    /** Every setting of the table, given a bad value: 400, the JSON field named, and no command-line flag. */
    @Test
    void everyBadSettingIsNamedByItsJsonKey() {
        int asked = 0;
        for (Setting<?> s : Settings.all()) {
            for (String bad : dev.slope.BadValues.of(s)) {
                HttpResponse<String> r = Servers.post(server, "/api/runs", "{\"settings\": {\"" + s.name() + "\": \""
                        + bad + "\"}}");
                assertBad(400, "settings." + s.name(), s.name(), r);
                String error = json(r).get("error").getAsString();
                assertFalse(error.contains("--"), s + " '" + bad + "': " + error);
                asked++;
            }
        }
        assertTrue(asked > Settings.all().size(), "a range value too for the numbers: " + asked);
    }

    @Test
    void badRunRequestsAreNamedAndRunsAreBounded() {
        assertBad(400, "settings.loss", "hinge", Servers.post(server, "/api/runs", "{\"settings\": {\"loss\": \"hinge\"}}"));
        assertBad(400, "settings.epochs", "at most", Servers.post(server, "/api/runs", "{\"settings\": {\"epochs\": 100000}}"));
        assertBad(400, "settings.colour", "", Servers.post(server, "/api/runs", "{\"settings\": {\"colour\": \"red\"}}"));
        assertBad(400, "settings.lr", "", Servers.post(server, "/api/runs", "{\"settings\": {\"lr\": -1}}"));
        assertBad(400, "settings.reg", "must be a number, a string or a boolean",
                Servers.post(server, "/api/runs", "{\"settings\": {\"reg\": [1]}}"));
        assertBad(404, "id", "no run 999", Servers.get(server, "/api/runs/999"));
        assertBad(404, "id", "no run x", Servers.get(server, "/api/runs/x/model"));
        try (WebServer one = Servers.start(1)) {
            HttpResponse<String> first = Servers.post(one, "/api/runs", "{\"settings\": {\"epochs\": 200}}");
            assertEquals(201, first.statusCode());
            assertBad(429, null, "already queued or running", Servers.post(one, "/api/runs", "{}"));
            int id = json(first).get("id").getAsInt();
            assertBad(409, null, "has no model yet", Servers.get(one, "/api/runs/" + id + "/model"));
            assertEquals(200, Servers.post(one, "/api/runs/" + id + "/stop", "{}").statusCode());
            assertEquals("stopped", Servers.awaitEnd(one, Integer.toString(id)));
            assertEquals(201, Servers.post(one, "/api/runs", "{\"settings\": {\"epochs\": 1}}").statusCode(),
                    "a stopped run frees its place");
        }
    }
}
