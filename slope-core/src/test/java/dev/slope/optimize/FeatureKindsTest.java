package dev.slope.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.slope.TestRuns;
import dev.slope.data.ImageSet;
import dev.slope.features.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A kind of feature is one registration ({@link Settings#FEATURE_KINDS}): the table lists its settings right after
 * {@code features}, in registration order, applying only when the run lists the kind; a run's config makes it; the
 * model file's form reads back the same feature, fitted state included.
 */
class FeatureKindsTest {
    static final ImageSet SOME = TestRuns.shipped().train().head(60);

    @Test
    void theTableListsEachKindsSettingsAfterTheFeatureList() {
        List<Setting<?>> expected = new ArrayList<>(List.of(Settings.FEATURES));
        Settings.featureKinds().forEach(k -> expected.addAll(k.settings()));
        List<Setting<?>> all = Settings.all();
        int at = all.indexOf(Settings.FEATURES);
        assertEquals(expected, all.subList(at, at + expected.size()));
        assertEquals(List.of("pixels", "hog", "hist", "bow"), Settings.featureNames());
        for (FeatureKind<?> kind : Settings.featureKinds()) {
            assertTrue(Settings.FEATURES.help(dev.slope.FieldNames.KEYS).contains(kind.name() + " ("), kind.name());
            TrainConfig listed = TrainConfig.builder().set(Settings.FEATURES, kind.name()).build();
            TrainConfig other = TrainConfig.builder().set(Settings.FEATURES, kind.name().equals("hog") ? "hist" : "hog")
                    .build();
            for (Setting<?> s : kind.settings()) {
                assertTrue(s.appliesTo(listed), s + " applies when " + kind.name() + " is listed");
                assertFalse(s.appliesTo(other), s + " does not apply otherwise");
            }
        }
    }

    @Test
    void eachKindIsMadeFromTheSettingsAndReadBackFromItsModelFileForm() {
        for (FeatureKind<?> kind : Settings.featureKinds()) {
            TrainConfig c = TrainConfig.builder().set(Settings.FEATURES, kind.name()).set(Settings.SEED, 7L).build();
            Feature made = c.pipelineSpec().features().features().get(0);
            assertTrue(kind.makes(made), kind.name() + " makes " + made);
            assertEquals(kind, Settings.kindOf(made));
            Feature fitted = made.fit(SOME, TestRuns.ENGINE);
            JsonObject o = new JsonObject();
            kind.writeFeature(fitted, o);
            Feature back = kind.read(o, c.get(Settings.PIXEL_SCALE).floatValue());
            assertEquals(fitted, back, kind.name());
            assertArrayEquals(fitted.fittedState(), back.fittedState(), kind.name());
            assertEquals(fitted, back.fit(SOME, TestRuns.ENGINE), "a fitted feature fits to itself");
        }
    }

    @Test
    void aKindsSettingShapesWhatItMakes() {
        TrainConfig c = TrainConfig.builder().set(Settings.FEATURES, "hog,bow").set(HogKind.CELL, 4)
                .set(BagOfWordsKind.WORDS, 12).build();
        List<Feature> f = c.pipelineSpec().features().features();
        assertEquals(4, ((dev.slope.features.Hog) f.get(0)).cell());
        assertEquals(12, ((dev.slope.features.BagOfWords) f.get(1)).words());
        assertEquals(0, f.get(1).fittedState().length, "made unfitted");
        assertEquals(12 * 9 + 1, f.get(1).fit(SOME, TestRuns.ENGINE).fittedState().length, "the codebook and sigma2");
    }
}
