package dev.slope.runfiles;

import dev.slope.io.AtomicFiles;
import dev.slope.io.ModelFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageSet;
import dev.slope.learn.History;
import dev.slope.loss.SoftmaxCrossEntropy;
import dev.slope.model.LinearModel;
import dev.slope.model.Parameters;
import dev.slope.model.Provenance;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.UpdateRule;
import dev.slope.preprocess.Pipeline;
import dev.slope.preprocess.Preprocessing;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model files and checkpoints survive a kill in the middle of writing: a child JVM rewrites one file over and over
 * (two models in turn, every weight 1 or every weight 2), a real SIGKILL lands at a random moment, and the file left
 * behind must load whole as one of the two (a checkpoint with its history segments). Kills that land mid-write leave
 * the writer's temporary file behind: the test kills until {@value #MID_WRITE} of them did (how many kills that takes
 * depends on the machine's load, not whether the test passes), and fails if {@value #MAX_KILLS} kills never reached a
 * write, for then it did not test the write.
 */
class KillDuringWriteTest {
    static final int MID_WRITE = 5;
    static final int MAX_KILLS = 60;

    @ParameterizedTest
    @ValueSource(strings = {"model", "checkpoint"})
    void theFileLeftAfterAKillIsAlwaysAWholeOne(String kind) throws Exception {
        // on the build's own disk (target/), where fsync is real, not a memory file system
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "kill-tests")), kind);
        Path target = kind.equals("model") ? dir.resolve("model.slope") : dir.resolve(CheckpointFile.NAME);
        SplittableRandom r = new SplittableRandom(7);
        int midWrite = 0;
        int kills = 0;
        for (int k = 0; k < MAX_KILLS && midWrite < MID_WRITE; k++, kills++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), Writer.class.getName(), kind, dir.toString())
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine(); // "ready": one whole file is on disk, the next write has begun
            assertEquals("ready", line, "the writer did not start");
            Thread.sleep(r.nextInt(60));
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            float value = whole(kind, target);
            assertTrue(value == 1f || value == 2f, "kill " + k + ": weights of " + value);
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> leftovers = files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
                midWrite += leftovers.isEmpty() ? 0 : 1;
                for (Path f : leftovers) {
                    Files.delete(f);
                }
            }
        }
        System.out.printf("%s: %d kills, %d of them mid-write; every file left was whole%n", kind, kills, midWrite);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
        assertTrue(midWrite >= MID_WRITE, "only " + midWrite + " of " + kills + " kills landed mid-write");
    }

    /** The one value every weight of the file holds (it must load whole first). */
    static float whole(String kind, Path target) {
        LinearModel m = kind.equals("model") ? ModelFile.load(target)
                : CheckpointFile.load(target.getParent()).model();
        float[] w = m.parameters().w();
        for (float v : w) {
            assertEquals(w[0], v, "a file mixing two writes");
        }
        return w[0];
    }

    /** The child: writes model 1, 2, 1, … (says "ready" once warm) until it is killed. */
    public static final class Writer {
        public static void main(String[] args) {
            Path dir = Path.of(args[1]);
            List<String> classes = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                classes.add("class " + c);
            }
            int h = 160;
            int w = 160;
            int d = h * w * 3 + 1;
            Pipeline pipeline = new Pipeline(h, w, 3, new Preprocessing(1f / 255, new float[0], true, h * w * 3));
            ImageSet none = new ImageSet(new byte[0], new int[0], h, w, 3, classes);
            Provenance provenance = Provenance.now(Map.of(), DatasetInfo.of("none", none, none), "test");
            byte[][] files = new byte[2][];
            LinearModel[] models = new LinearModel[2];
            for (int v = 0; v < 2; v++) {
                float[] weights = new float[10 * d];
                Arrays.fill(weights, v + 1f);
                LinearModel model = new LinearModel(classes, pipeline, new Parameters(10, d, weights, new float[0], true),
                        new SoftmaxCrossEntropy(), provenance);
                files[v] = ModelFile.encode(model);
                models[v] = model;
            }
            CheckpointFile.Writer checkpoints = new CheckpointFile.Writer(CheckpointStore.folder(dir),
                    new CheckpointFile.Restart(Map.of("epochs", 10), dir, Map.of(), dir, 1));
            History history = new History();
            // model files are encoded once, so the loop's time is the writing itself (what a kill must interrupt); a
            // checkpoint is encoded by its writer as it saves
            for (int i = 0; ; i++) {
                if (args[0].equals("model")) {
                    AtomicFiles.write(dir.resolve("model.slope"), files[i % 2]); // as ModelFile.save writes
                } else {
                    // each checkpoint a segment of 1,000 new steps, then the checkpoint file naming it
                    for (int k = 0; k < 1000; k++) {
                        history.addStep(i + 1, i, 0, 0.1, 1);
                    }
                    checkpoints.save(new GradientTrainer.Checkpoint(i + 1, i + 1, models[i % 2].parameters(),
                            new UpdateRule.State("sgd", i, List.of()), history, null), models[i % 2]);
                }
                // a checkpoint is encoded as it is saved: the JIT compiles that in the first saves, after which the
                // loop's time is the writing again
                if (i == (args[0].equals("model") ? 0 : 20)) {
                    System.out.println("ready");
                    System.out.flush();
                }
            }
        }
    }
}
