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
import java.util.Map;
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

    /** The command line of {@code slope ARGS} in a fresh JVM on this module's class path, as the launcher starts it. */
    static List<String> slopeCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-Dslope.home=" + Path.of("..").toAbsolutePath().normalize(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static Result run(Path cwd, java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = slopeCommand(args);
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

    /** The environment reaches core through the main only: SLOPE_FEATURE_CACHE turns the cache on for that run. */
    @Test
    void theFeatureCacheIsOnWhenTheEnvironmentNamesIt() throws Exception {
        Path cache = dir.resolve("feature-cache");
        Result off = run(dir, java.util.Map.of(), "train", "--features", "hist", "--epochs", "1", "--out", "off.slope",
                "--quiet");
        assertEquals(0, off.code(), off.err());
        assertFalse(java.nio.file.Files.exists(cache), "no cache unless asked");
        Result on = run(dir, java.util.Map.of("SLOPE_FEATURE_CACHE", cache.toString()), "train", "--features", "hist",
                "--epochs", "1", "--out", "on.slope", "--quiet");
        assertEquals(0, on.code(), on.err());
        try (var files = java.nio.file.Files.list(cache)) {
            assertEquals(3, files.filter(f -> f.toString().endsWith(".features")).count(),
                    "the training, validation and test splits' features");
        }
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
        List<String> cmd = slopeCommand("train", "--epochs", "100000", "--out", "keep.slope");
        Path errFile = dir.resolve("interrupted.err");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(errFile.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // stopped once training has begun (every line a run prints comes after its shutdown hook is in place); the
        // deadline is one a loaded machine meets and a run that never gets going does not
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!java.nio.file.Files.readString(errFile).contains("Training on") && System.nanoTime() < deadline
                && p.isAlive()) {
            Thread.sleep(20);
        }
        assertTrue(java.nio.file.Files.readString(errFile).contains("Training on"), java.nio.file.Files.readString(errFile));
        p.destroy();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = java.nio.file.Files.readString(errFile);
        assertTrue(err.contains("interrupted; nothing was saved, keep.slope still holds the previous model"), err);
        assertArrayEquals(before, java.nio.file.Files.readAllBytes(dir.resolve("keep.slope")));
    }

    private record Launched(String out, String err) {
    }

    /** {@code slope train --epochs 1} through the launcher copied into {@code home}, with {@code env} added. */
    private static Launched launch(Path home, Path dir, Map<String, String> env) throws Exception {
        ProcessBuilder b = new ProcessBuilder("bash", home.resolve("slope").toString(), "train", "--epochs", "1")
                .directory(dir.toFile());
        b.environment().putAll(env);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        return new Launched(out, err);
    }

    /**
     * The launcher sends serve, bench and spark-train to their own modules' jars and everything else to slope-cli's, with
     * the rest of the command line, and says when a module is missing. Run on a copy of the launcher beside stand-in
     * jars (made here, newer than every source so nothing is built) whose main prints how it was started.
     */
    @Test
    void theLauncherDispatchesByModule() throws Exception {
        Path home = dir.resolve("home");
        java.nio.file.Files.createDirectories(home.resolve("slope-core"));
        java.nio.file.Files.copy(Path.of("..", "slope"), home.resolve("slope"));
        java.nio.file.Files.createDirectories(home.resolve("slope-cli"));
        java.nio.file.Files.copy(Path.of("jvm-flags.txt"), home.resolve("slope-cli/jvm-flags.txt"));
        java.nio.file.Files.writeString(home.resolve("pom.xml"), "<project/>");
        Path classes = dir.resolve("echo");
        Path sources = dir.resolve("echo-src");
        String body = "{ public static void main(String[] a) { System.out.println(\"main=\" + %s.class.getName() + \" jar=\""
                + " + System.getProperty(\"java.class.path\").split(\":\")[0] + \" home=\" + System.getProperty(\"slope.home\")"
                + " + \" cds=\" + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()"
                + ".anyMatch(f -> f.startsWith(\"-XX:SharedArchiveFile=\"))"
                + " + \" jvm=\" + System.getProperty(\"slope.echo\") + \" args=\" + String.join(\" \", a)); } }";
        java.nio.file.Files.createDirectories(sources.resolve("dev/slope/spark"));
        Path echo = java.nio.file.Files.writeString(sources.resolve("Echo.java"), "public class Echo " + body.formatted("Echo"));
        Path spark = java.nio.file.Files.writeString(sources.resolve("dev/slope/spark/SparkTrainLauncher.java"),
                "package dev.slope.spark; public class SparkTrainLauncher " + body.formatted("SparkTrainLauncher"));
        assertEquals(0, javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                echo.toString(), spark.toString()));
        java.util.Map<String, String> jars = java.util.Map.of("slope-cli", "slope.jar", "slope-web", "slope-web.jar",
                "slope-bench", "benchmarks.jar", "slope-spark", "slope-spark.jar");
        for (var m : jars.entrySet()) {
            Path target = java.nio.file.Files.createDirectories(home.resolve(m.getKey()).resolve("target"));
            java.nio.file.Files.writeString(home.resolve(m.getKey()).resolve("pom.xml"), "<project/>");
            java.util.jar.Manifest manifest = new java.util.jar.Manifest();
            manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, "Echo");
            manifest.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, classes.toUri().toString());
            Path jar = target.resolve(m.getValue());
            try (var out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar), manifest)) {
                out.flush();
            }
            java.nio.file.Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.from(
                    java.time.Instant.now().plusSeconds(3600)));
        }
        Path sparkClasses = java.nio.file.Files.createDirectories(home.resolve("slope-spark/target/classes"));
        java.nio.file.Files.writeString(sparkClasses.resolve("slope-spark-jvm.txt"), "-Dslope.echo=spark-options");
        java.nio.file.Files.writeString(home.resolve("slope-spark/target/spark-classpath.txt"), classes.toString());

        String[][] cases = {
            {"serve --port 0", "main=Echo jar=" + home.resolve("slope-web/target/slope-web.jar"), "args=--port 0"},
            {"bench jmh -l", "main=Echo jar=" + home.resolve("slope-bench/target/benchmarks.jar"), "args=jmh -l"},
            {"spark-train --master local[2]", "main=dev.slope.spark.SparkTrainLauncher jar="
                    + home.resolve("slope-spark/target/slope-spark.jar"), "jvm=spark-options args=--master local[2]"},
            {"train --epochs 1", "main=Echo jar=" + home.resolve("slope-cli/target/slope.jar"), "args=train --epochs 1"}};
        for (String[] c : cases) {
            List<String> cmd = new ArrayList<>(List.of("bash", home.resolve("slope").toString()));
            cmd.addAll(List.of(c[0].split(" ")));
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), c[0] + ": " + err);
            assertTrue(out.startsWith(c[1] + " home=" + home), c[0] + ": " + out);
            assertTrue(out.trim().endsWith(c[2]), c[0] + ": " + out);
        }
        // slope-cli's runs start from a class archive the launcher records once per build (a run of the jar itself,
        // here the stand-in's): recorded above, since the jar (dated an hour ahead) is newer than any archive; unused
        // while the jar is newer than it, used once it is not; never with SLOPE_CDS=off
        Path cliJar = home.resolve("slope-cli/target/slope.jar");
        Path archive = home.resolve("slope-cli/target/slope.jsa");
        assertTrue(java.nio.file.Files.isRegularFile(archive), "the launcher recorded " + archive);
        assertTrue(launch(home, dir, Map.of()).out().contains(" cds=false "), "a jar newer than its archive runs without it");
        java.nio.file.Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.from(
                java.nio.file.Files.getLastModifiedTime(cliJar).toInstant().plusSeconds(60)));
        Launched fresh = launch(home, dir, Map.of());
        assertTrue(fresh.out().contains(" cds=true "), fresh.out());
        assertFalse(fresh.err().contains("recording"), "an archive newer than the jar is not recorded again: " + fresh.err());
        assertTrue(launch(home, dir, Map.of("SLOPE_CDS", "off")).out().contains(" cds=false "), "SLOPE_CDS=off");
        // the JVM flags come from slope-cli/jvm-flags.txt: without it the launcher says so and starts nothing
        java.nio.file.Files.delete(home.resolve("slope-cli/jvm-flags.txt"));
        Process noFlags = new ProcessBuilder("bash", home.resolve("slope").toString(), "train").directory(dir.toFile())
                .start();
        String noFlagsErr = new String(noFlags.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(noFlags.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, noFlags.exitValue(), noFlagsErr);
        assertTrue(noFlagsErr.contains("jvm-flags.txt is missing"), noFlagsErr);
        java.nio.file.Files.copy(Path.of("jvm-flags.txt"), home.resolve("slope-cli/jvm-flags.txt"));
        for (String[] c : new String[][] {{"serve", "slope-web"}, {"spark-train", "slope-spark"}}) {
            java.nio.file.Files.delete(home.resolve(c[1]).resolve("pom.xml"));
            Process p = new ProcessBuilder("bash", home.resolve("slope").toString(), c[0], "--help").directory(dir.toFile())
                    .start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue(), err);
            assertTrue(err.contains("'" + c[0] + "' is run by the module " + c[1]), err);
        }
    }
}
