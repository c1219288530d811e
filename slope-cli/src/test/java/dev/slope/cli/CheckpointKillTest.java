package dev.slope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.runfiles.CheckpointFile;
import dev.slope.io.ModelFile;
import dev.slope.model.LinearModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training run killed for real (SIGKILL, no shutdown hook runs) after a checkpoint continues with
 * {@code slope train --resume} and ends with the weights, bit for bit, of the run that was never stopped.
 */
class CheckpointKillTest {
    @org.junit.jupiter.api.BeforeAll
    static void home() {
        System.setProperty("slope.home", Path.of("..").toAbsolutePath().normalize().toString());
    }

    static final String[] RUN = {"--epochs", "12", "--batch-size", "20", "--update", "adam", "--lr-schedule", "cosine",
        "--quiet"};

    @Test
    void aKilledRunResumesToTheSameModel(@TempDir Path dir) throws Exception {
        List<String> straight = new ArrayList<>(List.of("train", "--out", dir.resolve("straight.slope").toString()));
        straight.addAll(List.of(RUN));
        assertEquals(0, CliTest.slope(straight.toArray(new String[0])).code());

        Path ck = dir.resolve("ck");
        Path model = dir.resolve("killed.slope");
        List<String> cmd = new ArrayList<>(EndToEndTest.slopeCommand("train", "--out", model.toString(), "--checkpoint",
                ck.toString()));
        cmd.addAll(List.of(RUN));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        Path file = ck.resolve(CheckpointFile.NAME);
        int epochs = 0;
        long deadline = System.nanoTime() + 120_000_000_000L;
        // kill once a checkpoint after epoch 2 or later is on disk, while later epochs are still to run
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (Files.isRegularFile(file)) {
                try {
                    epochs = CheckpointFile.load(ck).checkpoint().epochsDone();
                } catch (RuntimeException replacedWhileReading) {
                    epochs = 0;
                }
                if (epochs >= 2) {
                    break;
                }
            }
            Thread.sleep(5);
        }
        assertTrue(p.isAlive(), "the run ended before it could be killed: " + Files.readString(dir.resolve("log")));
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
        assertFalse(Files.exists(model), "no model from the killed run");
        int saved = CheckpointFile.load(ck).checkpoint().epochsDone();
        assertTrue(saved >= 2 && saved < 12, "checkpoint after epoch " + saved);

        CliTest.Run resumed = CliTest.slope("train", "--resume", ck.toString(), "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        LinearModel a = ModelFile.load(dir.resolve("straight.slope"));
        LinearModel b = ModelFile.load(model);
        assertArrayEquals(a.parameters().w(), b.parameters().w(), "resumed after epoch " + saved);
        assertArrayEquals(a.parameters().b(), b.parameters().b());
    }

    @Test
    void resumeTakesNoOtherSettingsAndNamesAMissingCheckpoint(@TempDir Path dir) {
        CliTest.Run none = CliTest.slope("train", "--resume", dir.resolve("nothing").toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no checkpoint in"), none.err());
        CliTest.Run mixed = CliTest.slope("train", "--resume", dir.toString(), "--epochs", "3");
        assertEquals(2, mixed.code());
        assertTrue(mixed.err().contains("--epochs does not go with --resume"), mixed.err());
        CliTest.Run every = CliTest.slope("train", "--checkpoint-every", "2");
        assertEquals(2, every.code());
        assertTrue(every.err().contains("--checkpoint-every needs --checkpoint DIR"), every.err());
    }
}
