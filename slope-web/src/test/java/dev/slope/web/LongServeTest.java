package dev.slope.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.data.ImageData;
import dev.slope.data.ImageSet;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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

    /** 32x32 colour images of ten classes, each brighter in its own band of rows in its own channel. */
    static ImageSet images(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int d = 32 * 32 * 3;
        byte[] pixels = new byte[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(10);
            for (int j = 0; j < d; j++) {
                int row = j / (32 * 3);
                int mean = row / 3 == labels[i] && j % 3 == labels[i] % 3 ? 150 : 100;
                pixels[i * d + j] = (byte) Math.max(0, Math.min(255, mean + (int) (r.nextGaussian() * 40)));
            }
        }
        return new ImageSet(pixels, labels, 32, 32, 3, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }

    @Test
    void tenThousandStepsAndFiftyRunsLeaveTheHeapFlat(@TempDir Path dir) throws Exception {
        ImageData data = new ImageData("colour bands", dir, "generated", images(600, 1), images(100, 2));
        try (WebServer server = WebServer.start("127.0.0.1", 0, new Runs(data, 2, Files.createDirectories(
                dir.resolve("models"))))) {
            long afterFirstSteps = 0;
            for (int i = 1; i <= STEPS; i++) {
                HttpResponse<String> r = Servers.post(server, "/api/playground/step", AbuseTest.PLAYGROUND);
                assertEquals(200, r.statusCode(), "step " + i + ": " + r.body());
                if (i == STEPS / 10) {
                    afterFirstSteps = retainedHeap();
                }
            }
            long afterSteps = retainedHeap();
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
                String status = "";
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2); // a loaded machine's, not a stall's
                while (System.nanoTime() < deadline) {
                    status = ApiTest.json(Servers.get(server, "/api/runs/" + id)).get("status").getAsString();
                    if (!status.equals("queued") && !status.equals("running")) {
                        break;
                    }
                    Thread.sleep(10);
                }
                assertEquals("finished", status, "run " + id);
                if (i > RUNS / 5) {
                    kept += Servers.get(server, "/api/runs/" + id + "/templates.png").body().length()
                            + 4L * Servers.get(server, "/api/runs/" + id).body().length();
                }
                if (i == RUNS / 5) {
                    afterFirstRuns = retainedHeap();
                }
            }
            long runGrowth = retainedHeap() - afterFirstRuns;
            long model = 10L * (32 * 32 * 3 + 1) * 4;
            assertTrue(runGrowth < kept + (RUNS - RUNS / 5) * model / 4, (runGrowth >> 10) + " KiB more reachable after "
                    + RUNS + " runs than after " + RUNS / 5 + "; the runs' own records account for " + (kept >> 10)
                    + " KiB, a model is " + (model >> 10) + " KiB");
            assertEquals(200, Servers.get(server, "/api/health").statusCode());
        }
    }

    /** Heap in use after full collections, the least of three. */
    static long retainedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
