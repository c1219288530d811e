package dev.slope.web;

import dev.slope.data.Datasets;
import dev.slope.data.ImageData;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real server on a free port over the shipped data, and plain HTTP calls to it. */
final class Servers {
    static final ImageData SHIPPED = Datasets.open(Datasets.resolve("small", Path.of("..")));
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The engine the test servers' runs share (as a server shares its own). */
    static final dev.slope.linalg.BatchEngine ENGINE = new dev.slope.linalg.BatchEngine(2);

    private Servers() {
    }

    /** Any array as a JSON tree. */
    static com.google.gson.JsonElement GSON_TREE(Object value) {
        return WebServer.GSON.toJsonTree(value);
    }

    static WebServer start(int maxRuns) {
        try {
            return WebServer.start("127.0.0.1", 0, new Runs(SHIPPED, maxRuns, Files.createTempDirectory("slope-web-test"),
                    ENGINE));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(WebServer s, String path) {
        return send(HttpRequest.newBuilder(uri(s, path)).GET().build());
    }

    static HttpResponse<String> post(WebServer s, String path, String body) {
        return send(HttpRequest.newBuilder(uri(s, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static HttpResponse<String> postBytes(WebServer s, String path, String type, byte[] body) {
        return send(HttpRequest.newBuilder(uri(s, path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /**
     * Polls run {@code id} until it has ended (neither queued nor running) or two minutes have passed (a deadline a
     * loaded machine meets and a stalled run does not); its last status.
     */
    static String awaitEnd(WebServer s, String id) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        String status = "";
        while (System.nanoTime() < deadline) {
            status = com.google.gson.JsonParser.parseString(get(s, "/api/runs/" + id).body()).getAsJsonObject()
                    .get("status").getAsString();
            if (!status.equals("queued") && !status.equals("running")) {
                break;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return status;
    }

    static URI uri(WebServer s, String path) {
        return URI.create("http://127.0.0.1:" + s.port() + path);
    }

    /**
     * Writes {@code head} to a plain socket and returns everything the server sends until it closes the connection
     * (at most 10 s of silence, then an assertion error rather than a hung test).
     */
    static String rawExchange(WebServer s, String head) {
        try (Socket socket = new Socket("127.0.0.1", s.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server neither answered nor closed the connection within 10 s", e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
