package dev.slope.web;

import static dev.slope.web.ApiTest.assertBad;
import static dev.slope.web.ApiTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.slope.api.Slope;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /api/predict and /api/predict/models over real HTTP: answers, and every bad input answered 4xx by name. */
class PredictTest {
    static final Path BOOT = Path.of("../data/images/9-ankle-boot.png");
    static WebServer server;
    static String run;

    @BeforeAll
    static void start() {
        server = Servers.start(2);
        HttpResponse<String> created = Servers.post(server, "/api/runs", "{\"settings\": {\"epochs\": 2}}");
        assertEquals(201, created.statusCode(), created.body());
        run = json(created).get("id").getAsString();
        assertEquals("finished", Servers.awaitEnd(server, run));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> predict(String query, byte[] image) {
        return Servers.postBytes(server, "/api/predict?" + query, "image/png", image);
    }

    @Test
    void aRunsModelClassifiesAnImageAsTheLibraryDoes(@TempDir Path dir) throws Exception {
        HttpResponse<String> r = predict("run=" + run, Files.readAllBytes(BOOT));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject o = json(r);
        // the same model through the library's own path (the file the run saved)
        Path model = dir.resolve("run.slope");
        Files.write(model, Servers.HTTP.send(java.net.http.HttpRequest.newBuilder(
                Servers.uri(server, "/api/runs/" + run + "/model")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body());
        Slope.Prediction lib = Slope.load(model).predict(BOOT);
        assertEquals(lib.className(), o.get("class").getAsString());
        assertEquals("Ankle boot", o.get("class").getAsString());
        JsonArray outputs = o.getAsJsonArray("outputs");
        assertEquals(10, outputs.size());
        double sum = 0;
        for (int c = 0; c < 10; c++) {
            double v = outputs.get(c).getAsJsonObject().get("value").getAsDouble();
            assertEquals(lib.outputs()[c], v, 1e-6);
            sum += v;
        }
        assertEquals(1.0, sum, 1e-5, "probabilities");
        assertEquals(784, o.getAsJsonArray("contributions").size(), "one value per pixel of 28x28");

        // an uploaded copy of the model answers the same; another image size and colour is scaled as predict scales
        HttpResponse<String> up = Servers.postBytes(server, "/api/predict/models", "application/octet-stream",
                Files.readAllBytes(model));
        assertEquals(201, up.statusCode(), up.body());
        String id = json(up).get("model").getAsString();
        assertEquals("28x28x1", json(up).get("shape").getAsString());
        HttpResponse<String> again = predict("model=" + id, Files.readAllBytes(BOOT));
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(o.get("outputs"), json(again).get("outputs"));
        BufferedImage big = new BufferedImage(60, 40, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(big, "png", png);
        assertEquals(200, predict("model=" + id, png.toByteArray()).statusCode());
    }

    @Test
    void badInputsAreAnsweredByName() {
        byte[] boot;
        try {
            boot = Files.readAllBytes(BOOT);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        assertBad(400, null, "the image", predict("run=" + run, "not an image".getBytes()));
        assertBad(400, null, "no body", predict("run=" + run, new byte[0]));
        assertBad(400, null, "name the model", predict("", boot));
        assertBad(400, null, "name the model", predict("run=" + run + "&model=upload-1", boot));
        assertBad(404, "id", "no run 999", predict("run=999", boot));
        assertBad(404, "model", "no uploaded model 'upload-99'", predict("model=upload-99", boot));
        assertBad(400, null, "the model file", Servers.postBytes(server, "/api/predict/models",
                "application/octet-stream", "SLOPEMDL but not a model".getBytes()));
        assertBad(413, null, "the most is " + Predictions.MAX_UPLOAD, Servers.postBytes(server, "/api/predict/models",
                "application/octet-stream", new byte[(int) Predictions.MAX_UPLOAD + 1]));
        HttpResponse<String> busy = Servers.post(server, "/api/runs", "{\"settings\": {\"epochs\": 200}}");
        String id = json(busy).get("id").getAsString();
        assertBad(409, null, "has no model yet", predict("run=" + id, boot));
        Servers.post(server, "/api/runs/" + id + "/stop", "{}");
        Servers.awaitEnd(server, id);
        assertEquals(200, Servers.get(server, "/api/health").statusCode(), "still up");
    }
}
