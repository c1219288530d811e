package dev.slope.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.Synthetic;
import dev.slope.data.ImageData;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that stays up: 10,000 playground steps and then 50 dashboard runs, one after another, with flat memory
 * (what stays reachable after full collections, measured in this JVM, which is the server's). The runs train on
 * 32x32 colour images, so a model is 123 KB: a leak of one model per run would be 4.9 MB over the 40 runs measured.
 */
class LongServeTest {
    static final int STEPS = 10_000;
    static final int RUNS = 50;

    @Test
    void tenThousandStepsAndFiftyRunsLeaveTheHeapFlat(@TempDir Path dir) throws Exception {
        ImageData data = new ImageData("colour bands", dir, "generated", Synthetic.bands(600, 32, 32, 3, 10, 1), Synthetic.bands(100, 32, 32, 3, 10, 2));
        try (WebServer server = WebServer.start("127.0.0.1", 0, new Runs(data, 2, Files.createDirectories(
                dir.resolve("models")), Servers.ENGINE))) {
            long afterFirstSteps = 0;
            for (int i = 1; i <= STEPS; i++) {
                HttpResponse<String> r = Servers.post(server, "/api/playground/step", AbuseTest.PLAYGROUND);
                assertEquals(200, r.statusCode(), "step " + i + ": " + r.body());
                if (i == STEPS / 10) {
                    afterFirstSteps = Synthetic.retainedHeap();
                }
            }
            long afterSteps = Synthetic.retainedHeap();
            long stepGrowth = afterSteps - afterFirstSteps;
            // a leak of 100 bytes a request would be 0.9 MB
            assertTrue(stepGrowth < 512 << 10, (stepGrowth >> 10) + " KiB more reachable after " + STEPS + " steps than"
                    + " after " + STEPS / 10);

            long afterFirstRuns = 0;
            long kept = 0; // what the server keeps of each run by design: its weight templates and its state
            for (int i = 1; i <= RUNS; i++) {
                HttpResponse<String> made = Servers.post(server, "/api/runs", "{\"settings\": {\"epochs\": 1}}");
                assertEquals(201, made.statusCode(), made.body());
                String id = ApiTest.json(made).get("id").getAsString();
                assertEquals("finished", Servers.awaitEnd(server, id), "run " + id);
                if (i > RUNS / 5) {
                    kept += Servers.get(server, "/api/runs/" + id + "/templates.png").body().length()
                            + 4L * Servers.get(server, "/api/runs/" + id).body().length();
                }
                if (i == RUNS / 5) {
                    afterFirstRuns = Synthetic.retainedHeap();
                }
            }
            long runGrowth = Synthetic.retainedHeap() - afterFirstRuns;
            long model = 10L * (32 * 32 * 3 + 1) * 4;
            assertTrue(runGrowth < kept + (RUNS - RUNS / 5) * model / 4, (runGrowth >> 10) + " KiB more reachable after "
                    + RUNS + " runs than after " + RUNS / 5 + "; the runs' own records account for " + (kept >> 10)
                    + " KiB, a model is " + (model >> 10) + " KiB");
            assertEquals(200, Servers.get(server, "/api/health").statusCode());
        }
    }

}
