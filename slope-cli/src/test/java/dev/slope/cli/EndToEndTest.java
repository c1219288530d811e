package dev.slope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command as users start it: a separate JVM, real exit codes, real stdout and stderr. */
class EndToEndTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(Path cwd, String... args) throws IOException, InterruptedException {
        return run(cwd, java.util.Map.of(), args);
    }

    static Result run(Path cwd, java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-Dslope.home=" + Path.of("..").toAbsolutePath().normalize(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().remove("SOURCE_DATE_EPOCH");
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void trainThenEvaluateInFreshProcesses() throws Exception {
        Result t = run(dir, "train", "--epochs", "2", "--json");
        assertEquals(0, t.code(), t.err());
        JsonObject j = JsonParser.parseString(t.out()).getAsJsonObject();
        assertEquals(dir.resolve("model.slope").toAbsolutePath().toString(), j.get("model").getAsString());
        assertTrue(j.get("test_accuracy").getAsDouble() > 0.75, t.out());
        Result e = run(dir, "evaluate", "--model", "model.slope");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("Confusion matrix"), e.out());
    }

    @Test
    void errorsExitWithOneMessageAndNoStackTrace() throws Exception {
        Result bad = run(dir, "evaluate", "--model", "missing.slope");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("missing.slope: no such model file"), bad.err());
        assertFalse(bad.err().contains("\tat "), bad.err());
        Result usage = run(dir, "train", "--batch-size", "0");
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains("--batch-size must be at least 1"), usage.err());
        Result verbose = run(dir, "evaluate", "--model", "missing.slope", "--verbose");
        assertTrue(verbose.err().contains("\tat "), "--verbose shows the stack trace");
    }

    /** With SOURCE_DATE_EPOCH set, two runs with the same seed and data write byte-identical model files. */
    @Test
    void twoRunsWriteTheSameModelBytes() throws Exception {
        java.util.Map<String, String> env = java.util.Map.of("SOURCE_DATE_EPOCH", "1700000000");
        String[] args = {"train", "--epochs", "1", "--update", "momentum", "--quiet"};
        for (String out : new String[] {"a.slope", "b.slope"}) {
            String[] withOut = java.util.Arrays.copyOf(args, args.length + 2);
            withOut[args.length] = "--out";
            withOut[args.length + 1] = out;
            Result r = run(dir, env, withOut);
            assertEquals(0, r.code(), r.err());
        }
        assertEquals(-1L, java.nio.file.Files.mismatch(dir.resolve("a.slope"), dir.resolve("b.slope")));
        String header = new String(java.nio.file.Files.readAllBytes(dir.resolve("a.slope")), StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("\"created\": \"2023-11-14T22:13:20Z\""), "the creation time is SOURCE_DATE_EPOCH");
        Result bad = run(dir, java.util.Map.of("SOURCE_DATE_EPOCH", "soon"), "train", "--epochs", "1", "--out", "c.slope",
                "--quiet");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("SOURCE_DATE_EPOCH='soon' is not a whole number of seconds"), bad.err());
    }

    /** Stopping a run (Ctrl-C, or a TERM signal) says that nothing was saved and the previous model is untouched. */
    @Test
    void anInterruptedRunSaysNothingWasSaved() throws Exception {
        assertEquals(0, run(dir, "train", "--epochs", "1", "--out", "keep.slope", "--quiet").code());
        byte[] before = java.nio.file.Files.readAllBytes(dir.resolve("keep.slope"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-Dslope.home=" + Path.of("..").toAbsolutePath().normalize(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train", "--epochs", "100000",
                "--out", "keep.slope", "--quiet"));
        Path errFile = dir.resolve("interrupted.err");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(errFile.toFile()).start();
        Thread.sleep(4000);
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String err = java.nio.file.Files.readString(errFile);
        assertTrue(err.contains("interrupted; nothing was saved, keep.slope still holds the previous model"), err);
        assertArrayEquals(before, java.nio.file.Files.readAllBytes(dir.resolve("keep.slope")));
    }

    /** The launcher sends serve, bench and spark-train to their own modules, and says when one is missing. */
    @Test
    void theLauncherDispatchesByModule() throws Exception {
        Path launcher = Path.of("..", "slope").toAbsolutePath().normalize();
        for (String[] c : new String[][] {{"serve", "slope-web"}, {"spark-train", "slope-spark"}}) {
            boolean present = java.nio.file.Files.isRegularFile(launcher.resolveSibling(c[1]).resolve("pom.xml"));
            if (present) {
                continue;
            }
            Process p = new ProcessBuilder("bash", launcher.toString(), c[0], "--help").directory(dir.toFile()).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue(), err);
            assertTrue(err.contains("'" + c[0] + "' is run by the module " + c[1]), err);
        }
    }
}
