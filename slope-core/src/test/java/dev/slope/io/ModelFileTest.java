package dev.slope.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.SlopeException;
import dev.slope.Tolerances;
import dev.slope.data.DataFormatException;
import dev.slope.loss.MulticlassSvm;
import dev.slope.model.LinearModel;
import dev.slope.model.Provenance;
import dev.slope.model.Parameters;
import dev.slope.preprocess.Preprocessing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    static LinearModel model(boolean biasTrick, int side, long seed) {
        SplittableRandom r = Tolerances.random(seed);
        int p = side * side;
        float[] mean = new float[p];
        for (int k = 0; k < p; k++) {
            mean[k] = (float) r.nextDouble();
        }
        Preprocessing pre = new Preprocessing(1f / 255, mean, biasTrick, p);
        Parameters params = Parameters.zeros(3, pre.inputDim(), !biasTrick, biasTrick);
        for (int k = 0; k < params.w().length; k++) {
            params.w()[k] = (float) r.nextDouble() - 0.5f;
        }
        for (int k = 0; k < params.b().length; k++) {
            params.b()[k] = (float) r.nextDouble();
        }
        return new LinearModel(List.of("cat", "car", "frog"), new dev.slope.preprocess.Pipeline(side, side, 1, pre), params,
                new MulticlassSvm(), Provenance.ofSettings(Map.of("loss", "svm", "lr", 0.3, "seed", 1L)));
    }

    @Test
    void roundTripKeepsEverything() {
        for (boolean biasTrick : new boolean[] {true, false}) {
            LinearModel m = model(biasTrick, 4, 1);
            Path f = dir.resolve("m" + biasTrick + ".slope");
            ModelFile.save(m, f);
            LinearModel back = ModelFile.load(f);
            assertEquals(m.classNames(), back.classNames());
            assertEquals(m.preprocessing(), back.preprocessing());
            assertArrayEquals(m.parameters().w(), back.parameters().w());
            assertArrayEquals(m.parameters().b(), back.parameters().b());
            assertEquals(m.loss(), back.loss());
            assertEquals(m.provenance().settings(), back.provenance().settings());
            assertEquals(biasTrick, back.parameters().biasInLastColumn());
        }
    }

    @Test
    void everyFlippedByteIsCaught() {
        byte[] good = ModelFile.encode(model(true, 3, 2));
        for (int k = 0; k < good.length; k++) {
            byte[] bad = good.clone();
            bad[k] ^= 0x10;
            int at = k;
            assertThrows(DataFormatException.class, () -> ModelFile.decode(Path.of("m.slope"), bad), "byte " + at);
        }
    }

    @Test
    void truncatedFilesAreCaught() {
        byte[] good = ModelFile.encode(model(true, 3, 2));
        for (int len : new int[] {0, 5, 16, 40, good.length / 2, good.length - 1}) {
            DataFormatException e = assertThrows(DataFormatException.class,
                    () -> ModelFile.decode(Path.of("m.slope"), Arrays.copyOf(good, len)));
            assertTrue(e.getMessage().startsWith("m.slope"), e.getMessage());
        }
    }

    @Test
    void anotherVersionIsNamed() {
        byte[] bytes = ModelFile.encode(model(true, 3, 2));
        ByteBuffer.wrap(bytes).putInt(8, 3);
        DataFormatException e = assertThrows(DataFormatException.class, () -> ModelFile.decode(Path.of("m.slope"), bytes));
        assertTrue(e.getMessage().contains("model format version 3, but this Slope reads versions 1 to 2; upgrade Slope"),
                e.getMessage());
    }

    /** A file written by Slope before provenance (format 1): an SVM with a separate b, lr 0.05, 2 epochs. */
    @Test
    void aVersionOneFileStillLoadsAndPredictsAsItDid() throws Exception {
        Path f = Path.of(ModelFileTest.class.getResource("/models/v1-svm-separate-bias.slope").toURI());
        LinearModel m = ModelFile.load(f);
        assertEquals(new MulticlassSvm(), m.loss());
        assertEquals(0.05, (double) m.provenance().settings().get("lr"));
        assertEquals("replacement", m.provenance().settings().get("sampling"));
        assertTrue(m.parameters().hasSeparateBias());
        var test = dev.slope.TestRuns.shipped().test();
        double accuracy = dev.slope.eval.Evaluation.of(m, dev.slope.TestRuns.rows(m.pipeline(), test),
                dev.slope.TestRuns.ENGINE).accuracy();
        assertEquals(0.7955, accuracy, 1e-12, "the accuracy the Slope that wrote it reported");
        byte[] again = ModelFile.encode(m);
        assertEquals(m.provenance().settings(), ModelFile.decode(f, again).provenance().settings(), "rewritten as format 2");
    }

    @Test
    void notAModelFile() throws IOException {
        Path f = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a model at all");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("not a Slope model file"), e.getMessage());
        SlopeException missing = assertThrows(SlopeException.class, () -> ModelFile.load(dir.resolve("none.slope")));
        assertTrue(dev.slope.FieldNames.FLAGS.messageOf(missing).contains("when given --out"), missing.getMessage());
        Path six = Files.writeString(dir.resolve("six.slope"), "hello\n");
        DataFormatException tiny = assertThrows(DataFormatException.class, () -> ModelFile.load(six));
        assertTrue(tiny.getMessage().contains("not a Slope model file"), tiny.getMessage());
        SlopeException folder = assertThrows(SlopeException.class, () -> ModelFile.load(dir));
        assertTrue(folder.getMessage().contains("is a folder, not a model file"), folder.getMessage());
        assertTrue(!dev.slope.FieldNames.FLAGS.messageOf(folder).contains("given --out"), "a folder is not a model to train: " + folder.getMessage());
    }

    @Test
    void savingIntoAMissingFolderSaysSo() {
        SlopeException e = assertThrows(SlopeException.class, () -> ModelFile.save(model(true, 3, 1),
                dir.resolve("no/such/folder/m.slope")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void overwritingLeavesNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("m.slope");
        ModelFile.save(model(true, 3, 1), f);
        ModelFile.save(model(true, 3, 2), f);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    /** A writer killed at random moments leaves the old model or the new one, never a part of one. */
    @Test
    void aKilledWriterNeverLeavesAHalfWrittenModel() throws Exception {
        Path f = dir.resolve("m.slope");
        ModelFile.save(model(true, 64, 0), f);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        SplittableRandom r = Tolerances.random(3);
        for (int round = 0; round < 4; round++) {
            List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                    KeepSaving.class.getName(), f.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            // the kill lands among the saves however long the child JVM took to start (a busy machine's 0.4 s or 4 s)
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertEquals("saving", line, "the writer did not start");
            Thread.sleep(r.nextInt(400));
            assertTrue(p.isAlive(), "the writer should still be running");
            p.destroyForcibly();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            LinearModel loaded = ModelFile.load(f);
            assertEquals(64 * 64 + 1, loaded.parameters().dim());
        }
    }

    /** Saves large models to one path in a loop until killed; says "saving" after the first. */
    public static final class KeepSaving {
        public static void main(String[] args) {
            Path f = Path.of(args[0]);
            for (long i = 0; ; i++) {
                ModelFile.save(model(true, 64, i), f);
                if (i == 0) {
                    System.out.println("saving"); // one whole save is on disk, the next has begun
                    System.out.flush();
                }
            }
        }
    }

    @Test
    void isFiniteAndNormSeeEveryNumber() {
        Parameters p = model(false, 3, 1).parameters();
        assertTrue(p.isFinite());
        p.b()[1] = Float.NaN;
        assertFalse(p.isFinite());
    }
}
