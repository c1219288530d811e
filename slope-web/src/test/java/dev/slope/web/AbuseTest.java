package dev.slope.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server under abuse, on loopback only: path tricks in every parameter, wrong content types, unknown fields,
 * clients that send half a request and wait, and a bounded load of many clients at once. Each gets a 4xx with a
 * message or a proper answer; never a 5xx, never a file from outside the pages; the server answers afterwards.
 */
class AbuseTest {
    static WebServer server;

    @BeforeAll
    static void start() {
        server = Servers.start(2);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Requests each of the 16 clients of the load test sends. */
    static final int REQUESTS = 15;

    static final String PLAYGROUND = "{\"points\": [[0, 0], [1, 1], [2, 0]], \"labels\": [0, 1, 2], "
            + "\"W\": [[1, 0], [0, 1], [-1, -1]], \"b\": [0, 0, 0]}";

    /** Paths a client library would clean up, sent as raw bytes so the server sees them as written. */
    @Test
    void pathTricksInEveryParameterGetA4xxAndNoFile() {
        List<String> paths = List.of("/../pom.xml", "/%2e%2e/pom.xml", "/%2e%2e/%2e%2e/etc/passwd", "/..%2fpom.xml",
                "/public/../../pom.xml", "/index.html/../../pom.xml", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/api/runs/..%2f..%2fetc%2fpasswd", "/api/runs/../../etc/passwd", "/api/runs/%2e%2e/model",
                "/api/runs/1/../../../etc/passwd", "/api/runs/-1/model", "/api/runs/99999999999999999999/model",
                "/api/runs/1%00/model", "/api/playground/preset/..%2f..%2fpom.xml", "/api/playground/preset/%00",
                "/api/features/sample?index=../../etc/passwd", "/api/features/sample?index=%2e%2e",
                "/api/features/sample?index=-1", "/api/features/sample?index=1e99",
                "/api/playground/preset/blobs?seed=../../x", "/api/playground/preset/blobs?seed=99999999999999999999");
        for (String path : paths) {
            String answer = Servers.rawExchange(server, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n");
            int status = Integer.parseInt(answer.substring(9, 12));
            assertTrue(status >= 400 && status < 500, path + " answered " + answer.lines().findFirst().orElse(""));
            assertFalse(answer.contains("<artifactId>") || answer.contains("root:x:0:0"), path + " leaked a file");
        }
        assertEquals(200, Servers.get(server, "/api/health").statusCode(), "still up");
    }

    @Test
    void wrongContentTypesAndUnknownFieldsAreNamed() {
        for (String path : List.of("/api/playground/step", "/api/knn/regions", "/api/runs")) {
            HttpResponse<String> r = Servers.send(HttpRequest.newBuilder(Servers.uri(server, path))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(PLAYGROUND)).build());
            ApiTest.assertBad(415, null, "Content-Type: application/json", r);
        }
        ApiTest.assertBad(400, "step", "'step' is not a field of this request", Servers.post(server,
                "/api/playground/step", ApiTest.with(PLAYGROUND, "step", "0.1")));
        ApiTest.assertBad(400, "kk", "it takes points, labels, classes, k", Servers.post(server, "/api/knn/regions",
                "{\"points\": [[0, 0], [1, 1]], \"labels\": [0, 1], \"classes\": 2, \"kk\": 1}"));
        ApiTest.assertBad(400, "setting", "it takes settings", Servers.post(server, "/api/runs",
                "{\"setting\": {\"epochs\": 1}}"));
        assertEquals(200, Servers.post(server, "/api/playground/step", PLAYGROUND).statusCode(), "the page's own body");
    }

    /**
     * Clients that open a connection and send half a request, then wait: the server keeps answering others. A server
     * that waited for them would not answer within the client's deadline (a minute: a loaded machine meets it).
     */
    @Test
    void slowClientsDoNotStopTheServer() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 32; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                OutputStream out = s.getOutputStream();
                out.write(("POST /api/playground/step HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 5000\r\n\r\n{\"points\": ").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                slow.add(s);
            }
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = Servers.send(HttpRequest.newBuilder(Servers.uri(server, "/api/playground/step"))
                        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(PLAYGROUND)).build());
                assertEquals(200, r.statusCode(), "answered with 32 clients hanging");
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    /**
     * A bounded load: 16 clients at once, 15 requests each, stepping the playground, asking for kNN regions, listing
     * runs, starting short runs (a 429 when the queue is full is an answer), polling and stopping them. No 5xx, no lost
     * run, memory flat, the server answers afterwards. Counted, not timed: a loaded machine takes longer, not fails.
     */
    @Test
    void manyClientsAtOnceGetAnswersAndNothingLeaks() throws Exception {
        long before = dev.slope.Synthetic.retainedHeap();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        for (int c = 0; c < 16; c++) {
            int client = c;
            pool.submit(() -> {
                for (int i = 0; i < REQUESTS; ) {
                    try {
                        HttpResponse<String> r = switch ((client + i++) % 5) {
                            case 0, 1 -> Servers.post(server, "/api/playground/step", PLAYGROUND);
                            case 2 -> Servers.post(server, "/api/knn/regions", "{\"points\": [[0, 0], [1, 1], [2, 0]], "
                                    + "\"labels\": [0, 1, 2], \"classes\": 3, \"k\": 1, \"grid\": 24}");
                            case 3 -> Servers.get(server, "/api/runs");
                            default -> {
                                HttpResponse<String> made = Servers.post(server, "/api/runs",
                                        "{\"settings\": {\"epochs\": 1, \"batch_size\": 500}}");
                                if (made.statusCode() == 201) {
                                    String id = ApiTest.json(made).get("id").getAsString();
                                    created.add(id);
                                    Servers.get(server, "/api/runs/" + id);
                                    yield Servers.post(server, "/api/runs/" + id + "/stop", "{}");
                                }
                                yield made;
                            }
                        };
                        statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.MINUTES), "the clients finished");
        assertEquals(0, failures.get(), "requests that got no answer; statuses " + statuses);
        for (int status : statuses.keySet()) {
            assertTrue(status == 200 || status == 201 || status == 429, "status " + status + " in " + statuses);
        }
        int total = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
        assertEquals(16 * REQUESTS, total, "every request answered: " + statuses);
        // every run that was started is still known and ends (stopped or finished), none lost
        for (String id : created) {
            String status = Servers.awaitEnd(server, id);
            assertTrue(status.equals("stopped") || status.equals("finished"), "run " + id + " is " + status);
        }
        long after = dev.slope.Synthetic.retainedHeap();
        assertTrue(after - before < 200L << 20, "heap grew from " + (before >> 20) + " MiB to " + (after >> 20) + " MiB");
        assertEquals(200, Servers.get(server, "/api/health").statusCode(), "still up");
    }

}
