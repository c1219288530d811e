package dev.slope.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A body far past {@link WebServer#MAX_BODY}, over a plain socket: a client that sends all of it before reading (no
 * {@code Expect: 100-continue}, as browsers and Python's urllib do) can write it whole and then reads the 413 and its
 * message; one that asks first gets the 413 without sending the body; one that stops sending part-way gets it after
 * {@link WebServer#DISCARD_NANOS}. The server answers afterwards.
 */
class LargeBodyTest {
    static final int BIG = 12_000_000;
    static WebServer server;

    @BeforeAll
    static void start() {
        server = Servers.start(1);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String head(boolean expect) {
        return "POST /api/playground/step HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + BIG + "\r\n" + (expect ? "Expect: 100-continue\r\n" : "") + "\r\n";
    }

    @Test
    void aClientThatSendsTheWholeBodyFirstReadsThe413() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(false).getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            for (int sent = 0; sent < BIG; sent += chunk.length) {
                // a reset connection (the server closing with the body unread) fails here: "Broken pipe"
                out.write(chunk, 0, Math.min(chunk.length, BIG - sent));
            }
            out.flush();
            assertRefused(readResponse(socket.getInputStream()));
        }
        assertEquals(200, Servers.get(server, "/api/health").statusCode(), "still up");
    }

    @Test
    void aClientThatAsksFirstGetsThe413WithoutSendingTheBody() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head(true).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertRefused(readResponse(socket.getInputStream()));
        }
        assertEquals(200, Servers.get(server, "/api/health").statusCode(), "still up");
    }

    /**
     * A client that stops sending part-way holds a server thread for {@link WebServer#DISCARD_NANOS} (5 s), not for
     * Jetty's idle timeout (30 s): answered within 20 s, a bar a loaded machine meets and the idle timeout does not.
     */
    @Test
    void aClientThatStopsSendingIsAnsweredWithinTheBound() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(25_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(false).getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1_000_000]);
            out.flush();
            long t0 = System.nanoTime();
            assertRefused(readResponse(socket.getInputStream()));
            long took = System.nanoTime() - t0;
            assertTrue(took < 20_000_000_000L, "answered after " + took / 1_000_000 + " ms");
        }
        assertEquals(200, Servers.get(server, "/api/health").statusCode(), "still up");
    }

    static void assertRefused(String response) {
        assertTrue(response.startsWith("HTTP/1.1 413 "), response);
        JsonObject o = JsonParser.parseString(response.substring(response.indexOf("\r\n\r\n") + 4)).getAsJsonObject();
        assertEquals("the body is " + BIG + " bytes; the most is " + WebServer.MAX_BODY, o.get("error").getAsString());
    }

    /** One response (head and a body of its Content-Length), without waiting for the connection to close. */
    static String readResponse(InputStream in) throws IOException {
        try {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("the connection closed before a whole response head: " + head);
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : text.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no whole response before the socket's timeout", e);
        }
    }
}
