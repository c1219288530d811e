package dev.slope.web;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * The {@code slope serve} server: static pages from the jar ({@code /public}) and a JSON API over Slope's core.
 * Every refused request is answered as {@code {"error": ..., "field": ...}} with a 4xx status; an unexpected
 * failure is a 500 with a message, and the server stays up. Closing stops the server and the runs.
 */
public final class WebServer implements AutoCloseable {
    /** The largest request body, in bytes (a 413 past it). */
    public static final long MAX_BODY = 1 << 20;
    /**
     * How much of a refused request's body the server still reads and drops before answering (like nginx's lingering
     * close), so that a client that sends the whole body before reading (no {@code Expect: 100-continue}) is not cut
     * off mid-write and reads the answer; past it, or past {@link #DISCARD_NANOS}, the connection is closed.
     */
    static final long DISCARD_MAX = 32L << 20;
    /** How long the server spends reading and dropping a refused request's body. */
    static final long DISCARD_NANOS = 5_000_000_000L;
    /** Set on a request whose error this server has already written (so the 404 page does not replace it). */
    private static final String ANSWERED = "slope.answered";
    static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

    private final Javalin app;
    private final Runs runs;

    /**
     * Starts a server on {@code host:port} (port 0: a free port).
     *
     * @param runs the training runs the dashboard starts, owned and closed by the server
     */
    public static WebServer start(String host, int port, Runs runs) {
        return new WebServer(host, port, runs);
    }

    private WebServer(String host, int port, Runs runs) {
        this.runs = runs;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            // the JSON endpoints refuse more than MAX_BODY themselves (WebServer.body); model files and images may be
            // up to Predictions.MAX_UPLOAD
            config.http.maxRequestSize = Predictions.MAX_UPLOAD;
            config.http.defaultContentType = "application/json";
            config.jsonMapper(new GsonMapper());
            config.staticFiles.add("/public", Location.CLASSPATH);
            config.staticFiles.enableWebjars(); // uPlot, from its jar: the pages load nothing from the network
            config.routes.get("/api/health", ctx -> {
                JsonObject o = new JsonObject();
                o.addProperty("status", "ok");
                o.addProperty("version", version());
                o.addProperty("max_body_bytes", MAX_BODY); // the pages check an upload's size against it
                o.addProperty("max_upload_bytes", Predictions.MAX_UPLOAD); // a model file or an image to predict
                json(ctx, 200, o);
            });
            config.routes.post("/api/playground/step", ctx -> json(ctx, 200, Playground.step(Bodies.object(jsonBody(ctx)))));
            config.routes.get("/api/playground/preset/{name}", ctx -> json(ctx, 200, Playground.preset(ctx.pathParam("name"),
                    seed(ctx))));
            config.routes.post("/api/knn/regions", ctx -> json(ctx, 200, Neighbours.regions(Bodies.object(jsonBody(ctx)))));
            config.routes.get("/api/features/sample", ctx -> json(ctx, 200, ImageFeatures.sample(runs.data(),
                    ctx.queryParam("index"))));
            Predictions predictions = new Predictions(runs);
            config.routes.post("/api/predict/models", ctx -> json(ctx, 201,
                    predictions.addModel(Predictions.upload(ctx, "model file"))));
            config.routes.post("/api/predict", ctx -> {
                var model = predictions.model(ctx);
                json(ctx, 200, Predictions.predict(model, Predictions.upload(ctx, "image")));
            });
            config.routes.post("/api/features/image", ctx -> {
                body(ctx);
                json(ctx, 200, ImageFeatures.upload(ctx.bodyAsBytes()));
            });
            runs.routes(config.routes);
            config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status, e.field, e.getMessage()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), null,
                    switch (e.getStatus()) {
                        case 413 -> "the body is larger than " + Predictions.MAX_UPLOAD + " bytes";
                        case 404 -> "no such endpoint: " + ctx.method() + " " + ctx.path() + " (see docs/api.md)";
                        default -> e.getMessage();
                    }));
            config.routes.exception(Exception.class, (e, ctx) -> error(ctx, 500, null,
                    "the server failed on this request: " + e + "; it is still running"));
            config.routes.error(404, "*", ctx -> {
                if (ctx.path().startsWith("/api/") && ctx.attribute(ANSWERED) == null) {
                    error(ctx, 404, null, "no such endpoint: " + ctx.method() + " " + ctx.path() + " (see docs/api.md)");
                }
            });
        }).start(host, port);
    }

    /** The port the server listens on. */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        runs.close();
        app.stop();
    }

    /**
     * A JSON request's body: as {@link #body}, and refused with a 415 when the request says it is something else (no
     * Content-Type at all is taken as JSON).
     */
    static String jsonBody(Context ctx) {
        String type = ctx.contentType();
        if (type != null && !type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            throw new ApiError(415, null, "this endpoint reads JSON; send the body with Content-Type: application/json"
                    + " (this request said " + type + ")");
        }
        return body(ctx);
    }

    /** The request body as UTF-8, refusing one over {@link #MAX_BODY} with a 413 before reading it whole. */
    static String body(Context ctx) {
        long length = ctx.contentLength();
        if (length > MAX_BODY) {
            throw new ApiError(413, null, "the body is " + length + " bytes; the most is " + MAX_BODY);
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > MAX_BODY) {
            throw new ApiError(413, null, "the body is larger than " + MAX_BODY + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Reads and drops what is left of the request body, at most {@link #DISCARD_MAX} bytes for at most
     * {@link #DISCARD_NANOS}: Jetty only drops what has already arrived and otherwise closes the connection with the
     * rest unread, which resets it under a client still writing. Not when the client waits for a 100 Continue (it
     * then gets the answer without sending the body), nor when the body is declared larger than the bound anyway.
     */
    static void discardBody(Context ctx) {
        long length = ctx.contentLength();
        if (length == 0 || length > DISCARD_MAX || "100-continue".equalsIgnoreCase(ctx.header("Expect"))) {
            return;
        }
        long deadline = System.nanoTime() + DISCARD_NANOS;
        long left = DISCARD_MAX;
        byte[] buffer = new byte[64 * 1024];
        // a read waits up to the connection's idle timeout (Jetty's 30 s), lowered to the time left so that a client
        // that stops sending holds the thread for DISCARD_NANOS at most
        EndPoint endPoint = null;
        long idleTimeout = 0;
        try {
            endPoint = ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection()
                    .getEndPoint();
            idleTimeout = endPoint.getIdleTimeout();
            InputStream in = ctx.req().getInputStream();
            for (long wait; left > 0 && (wait = (deadline - System.nanoTime()) / 1_000_000) > 0; ) {
                endPoint.setIdleTimeout(idleTimeout > 0 ? Math.min(idleTimeout, wait) : wait);
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
            }
        } catch (IOException | RuntimeException e) {
            // the client stopped sending or went away: Jetty closes the connection as before
        } finally {
            if (endPoint != null) {
                endPoint.setIdleTimeout(idleTimeout);
            }
        }
    }

    /** The {@code seed} query parameter (a whole number), 1 when absent. */
    static long seed(Context ctx) {
        String s = ctx.queryParam("seed");
        if (s == null) {
            return 1;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw ApiError.bad("seed", "'seed' must be a whole number, got '" + s + "'");
        }
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(GSON.toJson(body));
    }

    static void error(Context ctx, int status, String field, String message) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        discardBody(ctx);
        JsonObject o = new JsonObject();
        o.addProperty("error", message);
        if (field != null) {
            o.addProperty("field", field);
        }
        json(ctx, status, o);
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = WebServer.class.getResourceAsStream("/slope-web.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    /** Javalin's JSON through Gson, the JSON library of every Slope module. */
    private static final class GsonMapper implements JsonMapper {
        @Override
        public String toJsonString(Object obj, Type type) {
            return GSON.toJson(obj, type);
        }

        @Override
        public <T> T fromJsonString(String json, Type target) {
            return GSON.fromJson(json, target);
        }
    }
}
