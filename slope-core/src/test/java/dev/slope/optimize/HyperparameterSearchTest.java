package dev.slope.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.SlopeException;
import dev.slope.data.Datasets;
import dev.slope.data.ImageData;
import dev.slope.data.ImageSet;
import dev.slope.optimize.HyperparameterSearch.Plan;
import dev.slope.optimize.HyperparameterSearch.Range;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperparameterSearchTest {
    static final ImageSet SOME = Datasets.open(Datasets.resolve("small", Path.of(".."))).train().head(1500);
    static final ImageData DATA = new ImageData("some", Path.of("."), "IDX", SOME, SOME.head(0));

    @Test
    void rangesParseAndStayInside() {
        Range lr = Range.parse("lr", "1e-3:1e0");
        assertTrue(lr.log());
        Range lin = Range.parse("margin", "0:2:lin");
        assertFalse(lin.log());
        Range fixed = Range.parse("reg", "0.01");
        assertEquals(0.01, fixed.low());
        Plan plan = new Plan(List.of(lr, lin, fixed), 200, 0, 0, 1, 3);
        List<Map<String, Double>> pts = HyperparameterSearch.points(plan);
        assertEquals(200, pts.size());
        int lowDecade = 0;
        for (Map<String, Double> p : pts) {
            assertTrue(p.get("lr") >= 1e-3 && p.get("lr") <= 1);
            assertTrue(p.get("margin") >= 0 && p.get("margin") <= 2);
            assertEquals(0.01, p.get("reg"));
            lowDecade += p.get("lr") < 1e-2 ? 1 : 0;
        }
        // log-uniform: a third of the draws land in the first of three decades
        assertEquals(200 / 3.0, lowDecade, 20);
    }

    @Test
    void aGridCoversEveryCombination() {
        Plan plan = new Plan(List.of(Range.parse("lr", "1e-2:1e0"), Range.parse("reg", "1e-4:1e-2")), 0, 3, 0, 1, 1);
        List<Map<String, Double>> pts = HyperparameterSearch.points(plan);
        assertEquals(9, pts.size());
        assertEquals(0.1, pts.get(3).get("lr"), 1e-12);
        assertEquals(1e-4, pts.get(3).get("reg"), 1e-16);
    }

    @Test
    void badRangesSayWhatToGive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Range.parse("lr", "1:0.1"));
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Range.parse("lr", "fast"));
        assertTrue(e.getMessage().contains("1e-3:1e0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Range.parse("speed", "1:2"));
        assertTrue(e.getMessage().contains("searchable settings"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Plan(List.of(Range.parse("lr", "0.1:1")), 0, 0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Plan(List.of(Range.parse("lr", "0.1:1")), 3, 0, 1, 1, 1));
        e = assertThrows(IllegalArgumentException.class, () -> new Plan(List.of(Range.parse("lr", "0.1:1"),
                Range.parse("--lr", "0.2")), 3, 0, 0, 1, 1));
        assertTrue(dev.slope.FieldNames.FLAGS.messageOf(e).contains("--lr is given twice"), e.getMessage());
    }

    @Test
    void trialsAreRankedAndTheBestIsKept() {
        TrainConfig base = TrainConfig.builder().set(Settings.EPOCHS, 2).build();
        Plan plan = new Plan(List.of(Range.parse("lr", "1e-3:1e0"), Range.parse("reg", "1e-4")), 0, 3, 0, 2, 1);
        List<HyperparameterSearch.Trial> seen = new ArrayList<>();
        dev.slope.run.Search.Result r = dev.slope.run.Search.run(base, DATA, plan, seen::add);
        assertEquals(3, seen.size());
        assertEquals(3, r.trials().size());
        for (int i = 1; i < 3; i++) {
            assertTrue(r.trials().get(i - 1).validationAccuracy() >= r.trials().get(i).validationAccuracy());
        }
        assertEquals(1.0, r.best().values().get("lr"), 1e-12, "the largest of 1e-3, 3e-2, 1 learns most in 2 epochs");
        assertTrue(r.best().model() != null);
        assertTrue(r.model() == r.best().model(), "held out: the best trial's own model");
        // the best settings' summary is the best trial's run, with every run's keys
        assertEquals(r.best().validationAccuracy(), r.summary().valAccuracy(), 0);
        assertEquals(base.toBuilder().set(Settings.LR, 1.0).set(Settings.REG, 1e-4).build().toJson(), r.summary().config());
        assertEquals(1350, r.summary().trainExamples());
        assertEquals(150, r.summary().valExamples());
        assertEquals(0, r.summary().testExamples(), "DATA has no test images");
        assertEquals(dev.slope.run.Summary.KEYS, List.copyOf(r.summary().toJson().keySet()));
    }

    /** Trials that differ only in optimizer settings share one preparation: the features are extracted once. */
    @Test
    void trialsShareTheirDataPreparationUnlessTheyChangeIt() {
        TrainConfig hog = TrainConfig.builder().parse("features", "hog").set(Settings.EPOCHS, 1).build();
        Plan lr = new Plan(List.of(Range.parse("lr", "1e-2:1e0")), 0, 3, 0, 2, 1);
        List<HyperparameterSearch.Trial> trials = dev.slope.run.Search.run(hog, DATA, lr, t -> { }).trials();
        assertEquals(3, trials.size());
        for (HyperparameterSearch.Trial t : trials) {
            org.junit.jupiter.api.Assertions.assertSame(trials.get(0).model().pipeline(), t.model().pipeline(),
                    "one fitted pipeline for every trial");
        }
        // a searched feature setting changes the pipeline, so each trial prepares its own
        Plan seeds = new Plan(List.of(Range.parse("lr", "0.1"), Range.parse("hog_bins", "8:9:lin")), 0, 2, 0, 2, 1);
        List<HyperparameterSearch.Trial> own = dev.slope.run.Search.run(hog, DATA, seeds, t -> { }).trials();
        assertTrue(own.get(0).model().pipeline() != own.get(1).model().pipeline());
    }

    @Test
    void crossValidationAveragesTheFolds() {
        TrainConfig base = TrainConfig.builder().set(Settings.EPOCHS, 1).build();
        Plan plan = new Plan(List.of(Range.parse("lr", "0.3")), 1, 0, 3, 1, 1);
        dev.slope.run.Search.Result r = dev.slope.run.Search.run(base, DATA, plan, t -> { });
        assertTrue(r.best().validationAccuracy() > 0.6 && r.best().validationAccuracy() < 1);
        // the score is the mean over three folds, each fitted on the other two (an independent loop)
        TrainConfig c = base.toBuilder().set(Settings.LR, 0.3).build();
        double sum = 0;
        List<dev.slope.data.Split> folds = dev.slope.data.Split.kFold(SOME, 3, c.seed());
        for (dev.slope.data.Split fold : folds) {
            assertEquals(SOME.size(), fold.train().size() + fold.validation().size());
            assertEquals(500, fold.validation().size());
            dev.slope.preprocess.Splits s = dev.slope.preprocess.Splits.of(dev.slope.data.DatasetInfo.of(DATA), fold, c.pipelineSpec());
            sum += new GradientTrainer(c, dev.slope.TestRuns.ENGINE).train(s.train(), s.validation()).validationAccuracy();
        }
        assertEquals(sum / 3, r.best().validationAccuracy(), 1e-12);
        // the folds hold out disjoint images: every image is validated once
        int held = 0;
        for (dev.slope.data.Split fold : folds) {
            held += fold.validation().size();
        }
        assertEquals(SOME.size(), held);
        // after cross-validation the best settings are retrained on all the images (their own hold-out split)
        assertEquals(dev.slope.TestRuns.split(c, SOME).pipeline(), r.model().pipeline());
    }

    @Test
    void aSearchWhoseEveryTrialDivergesSaysSo() {
        TrainConfig base = TrainConfig.builder().set(Settings.EPOCHS, 1).build();
        Plan plan = new Plan(List.of(Range.parse("lr", "1e30:1e31")), 2, 0, 0, 2, 1);
        SlopeException e = assertThrows(SlopeException.class, () -> dev.slope.run.Search.run(base, DATA, plan, t -> { }));
        assertTrue(e.getMessage().contains("every one of the 2 trials diverged"), e.getMessage());
    }

    @Test
    void aHeldOutSearchWithNothingHeldOutIsRefusedUpFront() {
        TrainConfig base = TrainConfig.builder().parse("val_fraction", "0").build();
        Plan plan = new Plan(List.of(Range.parse("lr", "0.1:1")), 2, 0, 0, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dev.slope.run.Search.run(base, DATA, plan, t -> { }));
        assertTrue(dev.slope.FieldNames.FLAGS.messageOf(e).contains("--val-fraction 0 leaves no images"), e.getMessage());
        // with folds it is fine: every fold holds out its own images
        HyperparameterSearch.check(base, new Plan(List.of(Range.parse("lr", "0.1:1")), 2, 0, 3, 1, 1));
    }

    @Test
    void trialsWithoutAScoreRankLast() {
        TrainConfig base = TrainConfig.builder().set(Settings.EPOCHS, 1).build();
        List<HyperparameterSearch.Trial> trials = new ArrayList<>(List.of(
                new HyperparameterSearch.Trial(Map.of("lr", 1.0), Double.NaN, 0, null, null),
                new HyperparameterSearch.Trial(Map.of("lr", 2.0), 0.5, 0, null, null),
                new HyperparameterSearch.Trial(Map.of("lr", 3.0), Double.NaN, 0, "diverged", null),
                new HyperparameterSearch.Trial(Map.of("lr", 4.0), 0.7, 0, null, null)));
        trials.sort(HyperparameterSearch.RANKING);
        assertEquals(List.of(4.0, 2.0), trials.subList(0, 2).stream().map(t -> t.values().get("lr")).toList());
        assertTrue(base.valFraction() > 0);
    }
}
