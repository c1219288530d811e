package dev.slope.optimize;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.slope.features.BagOfWords;
import dev.slope.optimize.Setting.Group;
import java.util.List;
import java.util.Locale;

/**
 * The bag of visual words ({@link BagOfWords}) as a feature kind: words, cell and assignment; made unfitted (its
 * codebook is fitted on the training split, seeded by the run's seed) and written with its codebook.
 */
public final class BagOfWordsKind extends FeatureKind<BagOfWords> {
    static final BagOfWordsKind KIND = new BagOfWordsKind();

    public static final Setting<Integer> WORDS = Setting.whole("bow_words", Group.PREPROCESSING, "K", 100, 1,
            "Bag of visual words: codewords, found by k-means (k-means++ start, {seed}) on the training cells.",
            KIND.listed());
    public static final Setting<Integer> CELL = Setting.whole("bow_cell", Group.PREPROCESSING, "PX", 4, 1,
            "Bag of visual words: pixels per cell side; each cell's 9-bin orientation histogram is one descriptor.",
            KIND.listed());
    public static final Setting<String> ASSIGN = Setting.choice("bow_assign", Group.PREPROCESSING,
            List.of("hard", "soft"), "hard", "Bag of visual words: count each cell for its nearest word (hard) or spread"
                    + " it over all words by distance (soft).", KIND.listed());

    private BagOfWordsKind() {
        super("bow", BagOfWords.class, "bag of visual words");
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(WORDS, CELL, ASSIGN);
    }

    @Override
    public BagOfWords make(SettingValues v) {
        return new BagOfWords(v.get(WORDS), v.get(CELL), BagOfWords.Assign.valueOf(v.get(ASSIGN).toUpperCase(Locale.ROOT)),
                v.get(Settings.SEED));
    }

    @Override
    protected void write(BagOfWords bag, JsonObject o) {
        o.addProperty("words", bag.words());
        o.addProperty("cell", bag.cell());
        o.addProperty("assign", bag.assign().name().toLowerCase(Locale.ROOT));
        o.addProperty("seed", bag.seed());
        o.addProperty("sigma2", bag.sigma2());
        JsonArray codebook = new JsonArray();
        for (float v : bag.codebook()) {
            codebook.add(v);
        }
        o.add("codebook", codebook);
    }

    @Override
    public BagOfWords read(JsonObject o, float pixelScale) {
        JsonArray c = o.getAsJsonArray("codebook");
        float[] codebook = new float[c.size()];
        for (int k = 0; k < codebook.length; k++) {
            codebook[k] = c.get(k).getAsFloat();
        }
        return new BagOfWords(o.get("words").getAsInt(), o.get("cell").getAsInt(),
                BagOfWords.Assign.valueOf(o.get("assign").getAsString().toUpperCase(Locale.ROOT)), o.get("seed").getAsLong(),
                codebook, o.get("sigma2").getAsFloat());
    }
}
