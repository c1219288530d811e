package dev.slope.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code slope serve} as a user starts it: a JVM of its own, the URL on stdout, Ctrl-C (SIGINT) stops it. */
class ServeCommandTest {

    static Process serve(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath(),
                "--add-modules=jdk.incubator.vector", "-Dslope.home=..", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void printsItsUrlAnswersAndStopsCleanlyOnCtrlC() throws Exception {
        Process p = serve("--port", "0");
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String url = null;
        for (String line; url == null && (line = out.readLine()) != null; ) {
            int at = line.indexOf("http://127.0.0.1:");
            if (at >= 0) {
                url = line.substring(at).trim();
            }
        }
        assertTrue(url != null && url.endsWith("/"), "the URL is printed");
        var health = Servers.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "api/health")).build());
        assertEquals(200, health.statusCode());
        new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "Ctrl-C stops the server");
        StringBuilder rest = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            rest.append(line).append('\n');
        }
        assertTrue(rest.toString().contains("slope serve: stopping"), rest.toString());
        assertEquals(130, p.exitValue(), "the exit status of a process stopped by SIGINT");
    }

    @Test
    void aBadPortIsAUsageError() throws Exception {
        Process p = serve("--port", "70000");
        String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), all);
        assertTrue(all.contains("--port must be in 0..65535, got 70000"), all);
    }
}
