package dev.slope.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.FieldNames;
import dev.slope.InvalidValueException;
import dev.slope.TestRuns;
import dev.slope.Tolerances;
import dev.slope.data.ImageSet;
import dev.slope.io.ModelFile;
import dev.slope.runfiles.UpdateRuleStates;
import dev.slope.model.LinearModel;
import dev.slope.model.Provenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one table of settings, and everything generated from it. */
class SettingsTest {

    @Test
    void everyNameIsSnakeCaseAndUniqueAndItsFlagIsKebabCase() {
        Set<String> names = new HashSet<>();
        for (Setting<?> s : Settings.all()) {
            assertTrue(s.name().matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"), s.name());
            assertTrue(names.add(s.name()), s.name() + " twice");
            String flag = FieldNames.FLAGS.name(s.name());
            assertEquals("--" + s.name().replace('_', '-'), flag);
            assertEquals(s, Settings.named(s.name()));
            assertEquals(s, Settings.named(flag));
        }
        assertEquals(40, names.size(), "37 + the bag of words' three");
    }

    @Test
    void helpTextsNameOtherSettingsThroughTheTableInTheCallersNames() {
        int references = 0;
        for (Setting<?> s : Settings.all()) {
            List<String> asked = new ArrayList<>();
            String marked = s.help(field -> {
                asked.add(field);
                return "<" + field + ">";
            });
            for (String field : asked) {
                assertEquals(field, Settings.named(field).name(), s + "'s help names " + field);
            }
            references += asked.size();
            String flags = s.help(FieldNames.FLAGS);
            assertFalse(flags.contains("{") || flags.contains("}"), s + ": " + flags);
            assertFalse(s.help(FieldNames.KEYS).contains("--"), s + " names a flag in the table: " + marked);
        }
        assertTrue(references >= 8, "the schedules', HOG's and the bag of words' help refer to other settings");
        assertTrue(Settings.LR_SCHEDULE.help(FieldNames.FLAGS).contains("--lr-decay"));
        assertTrue(Settings.LR_SCHEDULE.help(FieldNames.PARAMS).contains("lrStepEpochs"));
    }

    @Test
    void aBadValueIsNamedAsTheCallerNamesIt() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> Settings.INIT_SCALE.parse("-1"));
        assertEquals("init_scale must be a finite number >= 0, got -1.0", e.getMessage());
        assertEquals("--init-scale must be a finite number >= 0, got -1.0", FieldNames.FLAGS.messageOf(e));
        assertEquals("initScale must be a finite number >= 0, got -1.0", FieldNames.PARAMS.messageOf(e));
        IllegalArgumentException other = new IllegalArgumentException("as it is");
        assertEquals("as it is", FieldNames.FLAGS.messageOf(other));
    }

    @Test
    void theJsonHasEveryNameWithATypedValue() {
        Map<String, Object> json = TrainConfig.DEFAULTS.toJson();
        assertEquals(Settings.all().stream().map(Setting::name).toList(), new ArrayList<>(json.keySet()));
        assertEquals(1e-4, json.get("reg"));
        assertEquals(200, json.get("batch_size"));
        assertEquals(1L, json.get("seed"));
        assertEquals(Boolean.TRUE, json.get("bias_trick"));
        assertEquals("softmax", json.get("loss"));
        assertEquals("full", TrainConfig.builder().set(Settings.BATCH_SIZE, TrainConfig.FULL_BATCH).build().toJson()
                .get("batch_size"));
        for (Setting<?> s : Settings.all()) {
            Object v = json.get(s.name());
            assertTrue(s.type().isInstance(v), s.name() + " is a " + v.getClass().getSimpleName());
        }
    }

    /** A config with every setting drawn at random within its range. */
    static TrainConfig random(SplittableRandom r) {
        TrainConfig.Builder b = TrainConfig.builder();
        for (Setting<?> s : Settings.all()) {
            String text;
            if (s == Settings.FEATURES) {
                text = List.of("pixels", "hog", "hog,pixels", "hist", "hog,hist,pixels").get(r.nextInt(5));
            } else if (!s.choices().isEmpty()) {
                text = s.choices().get(r.nextInt(s.choices().size()));
            } else if (s.isBoolean()) {
                text = Boolean.toString(r.nextBoolean());
            } else if (s.type() == Double.class) {
                text = Double.toString(s.name().equals("lr_decay") ? 0.1 + 0.9 * r.nextDouble() : 0.9 * r.nextDouble()
                        + (s.name().equals("epsilon") || s.name().equals("pixel_scale") || s.name().equals("lr")
                        || s.name().equals("lr_step_epochs") ? 1e-3 : 0));
            } else {
                text = Integer.toString(1 + r.nextInt(50));
            }
            b.parse(s.name(), text);
        }
        return b.build();
    }

    @Test
    void aConfigReadBackFromItsJsonIsTheSame() {
        SplittableRandom r = Tolerances.random(17);
        for (int k = 0; k < 200; k++) {
            TrainConfig c = random(r);
            TrainConfig back = TrainConfig.fromJson(c.toJson());
            assertEquals(c, back);
            assertEquals(c.objective(), back.objective());
            assertEquals(c.optimizer().schedule(), back.optimizer().schedule());
            assertEquals(c.optimizer().update().name(), back.optimizer().update().name());
            // and through text, as JSON files and flags give it
            Map<String, Object> text = new java.util.LinkedHashMap<>();
            c.toJson().forEach((name, v) -> text.put(name, String.valueOf(v)));
            assertEquals(c, TrainConfig.fromJson(text));
        }
    }

    @Test
    void theSearchableSettingsAreTheNumericOnes() {
        for (Setting<?> s : Settings.all()) {
            assertEquals(s.type() == Double.class || s.type() == Integer.class, s.searchable(), s.name());
        }
        assertTrue(Settings.searchable().containsAll(List.of(Settings.LR, Settings.REG, Settings.MARGIN,
                Settings.ELASTIC_BETA, Settings.INIT_SCALE, Settings.MAX_NORM, Settings.BATCH_SIZE, Settings.EPOCHS)));
        for (Setting<?> s : Settings.searchable()) {
            TrainConfig c = HyperparameterSearch.apply(TrainConfig.DEFAULTS, Map.of(s.name(), 0.5));
            assertTrue(c.isGiven(s), s.name());
        }
        Map<String, Object> typed = HyperparameterSearch.typed(TrainConfig.DEFAULTS,
                new java.util.LinkedHashMap<>(Map.of("batch-size", 63.6)));
        assertEquals(Map.of("batch_size", 64), typed, "a searched whole number is reported as one, by its snake_case name");
    }

    @Test
    void theLearningRateDefaultFollowsTheUpdateRuleAndTheLoss() {
        assertEquals(1.0, TrainConfig.DEFAULTS.optimizer().lr());
        TrainConfig adam = TrainConfig.builder().set(Settings.UPDATE, "adam").build();
        assertEquals(0.005, adam.optimizer().lr());
        assertEquals(0.3, TrainConfig.builder().set(Settings.LOSS, "svm").build().optimizer().lr());
        assertEquals(0.03, adam.toBuilder().set(Settings.UPDATE, "momentum").set(Settings.LOSS, "svm").build()
                .optimizer().lr(), "a default follows the settings it depends on, even through toBuilder");
        assertEquals(0.7, adam.toBuilder().set(Settings.LR, 0.7).set(Settings.UPDATE, "sgd").build().optimizer().lr(),
                "a given rate stays");
    }

    @Test
    void theDefaultRateAndEpochsFollowTheBatchSize() {
        // rate = the rule's rate at batch 200 × √(B / 200), B capped at 4,096 (the full batch counts as 4,096)
        double[][] softmaxSgd = {{1, Math.sqrt(1 / 200.0)}, {50, 0.5}, {200, 1.0}, {800, 2.0}, {4096, Math.sqrt(20.48)},
            {8192, Math.sqrt(20.48)}, {TrainConfig.FULL_BATCH, Math.sqrt(20.48)}};
        for (double[] c : softmaxSgd) {
            TrainConfig t = TrainConfig.builder().set(Settings.BATCH_SIZE, (int) c[0]).build();
            assertEquals(c[1], t.optimizer().lr(), 1e-15, "batch " + (int) c[0]);
        }
        assertEquals(0.15, TrainConfig.builder().set(Settings.LOSS, "svm").set(Settings.BATCH_SIZE, 50).build()
                .optimizer().lr(), 1e-15, "svm: 0.3 at batch 200");
        assertEquals(0.01, TrainConfig.builder().set(Settings.UPDATE, "adam").set(Settings.BATCH_SIZE, 800).build()
                .optimizer().lr(), 1e-15, "every rule scales the same way");
        assertEquals(0.02, TrainConfig.builder().parse("batch_size", "800").parse("lr", "0.02").build().optimizer().lr(),
                "a given rate is not scaled");
        for (int[] c : new int[][] {{1, 8}, {200, 8}, {2048, 8}, {2049, 200}, {TrainConfig.FULL_BATCH, 200}}) {
            assertEquals(c[1], TrainConfig.builder().set(Settings.BATCH_SIZE, c[0]).build().optimizer().epochs(),
                    "epochs at batch " + c[0]);
        }
        assertEquals(3, TrainConfig.builder().parse("batch_size", "full").parse("epochs", "3").build().optimizer().epochs());
        assertEquals("cosine", TrainConfig.DEFAULTS.optimizer().schedule().name());
        assertTrue(Settings.LR.defaultText().contains("sqrt(B / 200)"), Settings.LR.defaultText());
    }

    @Test
    void everyRegisteredNameBuildsItsKind() {
        for (String loss : Settings.LOSS.choices()) {
            assertEquals(loss, TrainConfig.builder().parse("loss", loss).build().objective().loss().name());
        }
        for (String reg : Settings.REG_TYPE.choices()) {
            assertEquals(reg, TrainConfig.builder().parse("reg_type", reg).build().objective().regularizer().name());
        }
        for (String rule : Settings.UPDATE.choices()) {
            assertEquals(rule, TrainConfig.builder().parse("update", rule).build().optimizer().update().name());
        }
        for (String schedule : Settings.LR_SCHEDULE.choices()) {
            assertEquals(schedule, TrainConfig.builder().parse("lr_schedule", schedule).build().optimizer().schedule().name());
        }
        assertTrue(TrainConfig.DEFAULTS.objective().loss().givesProbabilities());
        assertTrue(!TrainConfig.builder().parse("loss", "svm").build().objective().loss().givesProbabilities());
    }

    @Test
    void onlyTheSettingsThatApplyAreShownAsApplying() {
        Map<String, Object> sgd = TrainConfig.DEFAULTS.applicableJson();
        assertTrue(!sgd.containsKey("momentum") && !sgd.containsKey("margin") && !sgd.containsKey("beta1")
                && !sgd.containsKey("monitor"), sgd.toString());
        Map<String, Object> svmAdam = TrainConfig.builder().parse("loss", "svm").parse("update", "adam").parse("patience", "2")
                .build().applicableJson();
        assertTrue(svmAdam.containsKey("margin") && svmAdam.containsKey("beta2") && svmAdam.containsKey("monitor")
                && !svmAdam.containsKey("momentum"), svmAdam.toString());
    }

    @Test
    void badValuesNameTheSettingAndWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.builder().parse("batch_size", "many"));
        assertEquals("batch_size 'many' is not a whole number or 'full'", e.getMessage());
        assertEquals("--batch-size 'many' is not a whole number or 'full'", FieldNames.FLAGS.messageOf(e));
        e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().parse("loss", "hinge"));
        assertEquals("--loss 'hinge' is not one of svm, softmax, ova, structured", FieldNames.FLAGS.messageOf(e));
        e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().parse("speed", "1"));
        assertTrue(e.getMessage().startsWith("unknown setting 'speed'; the settings are loss, margin"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().parse("val_fraction", "1"));
        assertEquals("--val-fraction must be a finite number in [0, 1), got 1.0", FieldNames.FLAGS.messageOf(e));
        assertEquals("svm", TrainConfig.builder().parse("loss", "SVM").build().get(Settings.LOSS), "choices ignore case");
    }

    /** The same run gives the same model bytes but for the creation time; rebuilt from its settings, the same again. */
    @Test
    void aModelsSettingsRebuildItsRunByteForByte() {
        ImageSet some = TestRuns.shipped().train().head(1500);
        TrainConfig c = TrainConfig.builder().parse("loss", "svm").parse("update", "nesterov").parse("epochs", "2")
                .parse("reg_type", "elasticnet").parse("elastic_beta", "0.5").parse("lr_schedule", "cosine")
                .parse("seed", "7").parse("bias_trick", "false").build();
        LinearModel first = TestRuns.train(c, some).model();
        TrainConfig rebuilt = TrainConfig.fromJson(first.provenance().settings());
        assertEquals(c, rebuilt);
        LinearModel second = TestRuns.train(rebuilt, some).model();
        LinearModel third = TestRuns.train(c, some).model();
        byte[] a = ModelFile.encode(at(first, "2026-01-01T00:00:00Z"));
        assertArrayEquals(a, ModelFile.encode(at(second, "2026-01-01T00:00:00Z")));
        assertArrayEquals(a, ModelFile.encode(at(third, "2026-01-01T00:00:00Z")));
        assertNotEquals(-1, java.util.Arrays.mismatch(a, ModelFile.encode(at(first, "2026-01-01T00:00:01Z"))),
                "the creation time is in the bytes");
        assertEquals(TestRuns.source(some).sha256(), first.provenance().data().sha256());
        assertEquals(64, first.provenance().data().sha256().length());
    }

    /** The same model with another creation time. */
    static LinearModel at(LinearModel m, String created) {
        Provenance p = m.provenance();
        return new LinearModel(m.classNames(), m.pipeline(), m.parameters(), m.loss(),
                new Provenance(p.settings(), p.data(), p.slopeVersion(), p.kernel(), created));
    }

    @Test
    void theCreationTimeFollowsSourceDateEpoch() {
        assertEquals("2023-11-14T22:13:20Z", Provenance.creationTime("1700000000"));
        assertTrue(Provenance.creationTime(null).endsWith("Z"));
        assertThrows(dev.slope.SlopeException.class, () -> Provenance.creationTime("yesterday"));
    }

    @Test
    void anUpdateRuleStateSurvivesItsFile() {
        UpdateRule adam = TrainConfig.builder().parse("update", "adam").build().optimizer().update().copy();
        adam.start(3, 2);
        adam.step(new float[][] {{1, 2, 3}, {4, 5}}, new float[][] {{0.1f, -0.2f, 0.3f}, {1, -1}}, 0.01);
        UpdateRule.State s = adam.state();
        byte[] bytes = UpdateRuleStates.encode(s);
        UpdateRule.State back = UpdateRuleStates.decode(Path.of("adam.state"), bytes);
        assertEquals("adam", back.rule());
        assertEquals(1, back.steps());
        assertEquals(4, back.arrays().size());
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(s.arrays().get(k), back.arrays().get(k), 0f);
        }
        for (int len : new int[] {0, 10, bytes.length / 2, bytes.length - 1}) {
            assertThrows(dev.slope.data.DataFormatException.class,
                    () -> UpdateRuleStates.decode(Path.of("adam.state"), java.util.Arrays.copyOf(bytes, len)));
        }
        byte[] flipped = bytes.clone();
        flipped[30] ^= 1;
        assertThrows(dev.slope.data.DataFormatException.class, () -> UpdateRuleStates.decode(Path.of("x"), flipped));
    }
}
