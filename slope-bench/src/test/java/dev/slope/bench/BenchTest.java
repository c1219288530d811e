package dev.slope.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `slope bench` end to end on the pass comparison, with a peer that cannot run here. */
class BenchTest {

    @Test
    void timesSlopesPassAndNamesAMissingPeerAsSkipped() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = new CommandLine(new Bench()).execute("--quick", "--json", "--only", "pass", "--python",
                    "/nonexistent/python3");
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, code);
        JsonObject report = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        JsonArray rows = report.getAsJsonArray("rows");
        assertEquals(2, rows.size(), "svm and softmax");
        for (var row : rows) {
            JsonObject slope = row.getAsJsonObject().getAsJsonObject("slope");
            double median = slope.get("median_ms").getAsDouble();
            assertTrue(slope.get("min_ms").getAsDouble() <= median && median <= slope.get("max_ms").getAsDouble(),
                    slope.toString());
            assertEquals(10, slope.get("reps").getAsInt());
            assertTrue(!row.getAsJsonObject().has("ratio"), "no peer, no ratio");
        }
        String skipped = report.getAsJsonArray("skipped").toString();
        assertTrue(skipped.contains("python3-numpy"), skipped);
        assertEquals(Runtime.getRuntime().availableProcessors(),
                report.getAsJsonObject("machine").get("cores").getAsInt());
    }

    @Test
    void refusesAnUnknownComparison() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new Bench());
        cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = cli.execute("--only", "pas");
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'pas' is not a comparison"), err.toString());
    }

    @Test
    void passTimingIsAMedianOfItsRepetitions() {
        Map<String, Object> m = Bench.timePass("svm", 3, 0.1);
        assertEquals(3, m.get("reps"));
        assertTrue((double) m.get("min_ms") > 0);
    }
}
