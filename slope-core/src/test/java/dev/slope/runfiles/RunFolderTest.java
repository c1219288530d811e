package dev.slope.runfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.slope.SlopeException;
import dev.slope.TestRuns;
import dev.slope.data.ImageData;
import dev.slope.eval.Evaluation;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Splits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
    @TempDir
    Path dir;

    @Test
    void theSummaryIsWrittenAndReadBackWithTheHistory() throws Exception {
        ImageData data = TestRuns.shipped();
        TrainConfig c = TrainConfig.builder().set(Settings.EPOCHS, 2).build();
        Splits s = Splits.prepare(TestRuns.source(data.train().head(1000)), data.train().head(1000), data.test().head(200), c.pipelineSpec(),
                c.valFraction(), c.seed());
        GradientTrainer.Result r = new GradientTrainer(c, TestRuns.ENGINE).train(s.train(), s.validation());
        Evaluation test = Evaluation.of(r.model(), s.test(), TestRuns.ENGINE);
        Map<String, Object> summary = dev.slope.run.Summary.of(c, data.source().toString(), s, r, test.accuracy(),
                test.total(), r.seconds(), dir.resolve("m.slope")).toJson();
        Path run = dir.resolve("run");
        RunFolder.write(run, summary, r, c);
        assertEquals(dev.slope.run.Summary.KEYS, List.copyOf(RunFolder.readSummary(run).keySet()),
                "run.json holds the summary's keys, in order");
        JsonObject back = RunFolder.readSummary(run);
        assertEquals(test.accuracy(), back.get("test_accuracy").getAsDouble(), 1e-6);
        assertEquals(900, back.get("train_examples").getAsInt());
        assertEquals(200, back.get("test_examples").getAsInt());
        assertEquals(2, back.get("epochs_run").getAsInt());
        assertEquals("l2", back.getAsJsonObject("config").get("reg_type").getAsString());
        for (String f : new String[] {"steps.csv", "epochs.csv", "history.json"}) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        assertEquals(1 + r.history().steps(), Files.readAllLines(run.resolve("steps.csv")).size());
    }

    @Test
    void aMissingOrDamagedSummaryIsNamedInOneLine() throws Exception {
        SlopeException e = assertThrows(SlopeException.class, () -> RunFolder.readSummary(dir));
        assertTrue(e.getMessage().contains("no run.json here"), e.getMessage());
        Files.writeString(dir.resolve("run.json"), "{\"test_accuracy\": 0.8,\n \"oops");
        e = assertThrows(SlopeException.class, () -> RunFolder.readSummary(dir));
        assertTrue(e.getMessage().contains("not a readable run summary"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
