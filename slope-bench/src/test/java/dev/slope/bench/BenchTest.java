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
            code = new CommandLine(new Bench()).execute("--quick", "--rounds", "2", "--json", "--only", "pass",
                    "--python", "/nonexistent/python3");
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, code);
        JsonObject report = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        JsonArray rows = report.getAsJsonArray("rows");
        assertEquals(2, rows.size(), "svm and softmax");
        for (var row : rows) {
            JsonObject slope = row.getAsJsonObject().getAsJsonObject("slope");
            double median = slope.get("median").getAsDouble();
            assertTrue(slope.get("min").getAsDouble() <= median && median <= slope.get("max").getAsDouble(),
                    slope.toString());
            assertEquals(2, slope.getAsJsonArray("each_round").size(), "one figure a round");
            assertEquals(10, slope.getAsJsonObject("details").get("reps").getAsInt());
            assertTrue(!row.getAsJsonObject().has("ratio"), "no peer, no ratio");
        }
        assertEquals("slope bench --quick --rounds 2 --json --only pass --python /nonexistent/python3",
                report.get("command").getAsString());
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
        try (Bench.PassTimer timer = new Bench.PassTimer()) {
            Map<String, Object> m = timer.time("svm", 3);
            assertEquals(3, m.get("reps"));
            assertTrue((double) m.get("min_ms") > 0 && (double) m.get("min_ms") <= (double) m.get("median_ms"));
        }
        assertEquals(2.0, Bench.median(new double[] {1, 2, 3}));
        assertEquals(2.5, Bench.median(new double[] {1, 2, 3, 4}));
    }

    /**
     * With a real peer: every row's ratio is the median of the rounds' ratios, each round's ratio the peer's figure over
     * Slope's in that round, and the range holds it.
     */
    @Test
    void aRatioIsTheMedianOfTheRoundsRatios() {
        dev.slope.References.require(java.nio.file.Files.isDirectory(java.nio.file.Path.of(
                "/usr/lib/python3/dist-packages/numpy")), "numpy, the pass's peer", "python3-numpy");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = new CommandLine(new Bench()).execute("--rounds", "3", "--quick", "--json", "--only", "pass");
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, code);
        JsonObject report = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals(3, report.get("rounds").getAsInt());
        JsonArray rows = report.getAsJsonArray("rows");
        assertEquals(2, rows.size(), report.toString());
        for (var e : rows) {
            JsonObject row = e.getAsJsonObject();
            assertTrue(row.has("ratio"), "numpy ran: " + report.get("skipped"));
            JsonArray mine = row.getAsJsonObject("slope").getAsJsonArray("each_round");
            JsonArray theirs = row.getAsJsonObject("peer_result").getAsJsonArray("each_round");
            double[] ratios = new double[3];
            for (int k = 0; k < 3; k++) {
                ratios[k] = theirs.get(k).getAsDouble() / mine.get(k).getAsDouble();
            }
            java.util.Arrays.sort(ratios);
            assertEquals(ratios[1], row.get("ratio").getAsDouble(), 1e-12);
            assertEquals(ratios[0], row.get("ratio_min").getAsDouble(), 1e-12);
            assertEquals(ratios[2], row.get("ratio_max").getAsDouble(), 1e-12);
        }
    }
}
