package dev.slope.cli;

import dev.slope.data.ImageData;
import dev.slope.data.ImageSet;
import dev.slope.features.FeatureSet;
import dev.slope.io.AtomicFiles;
import dev.slope.io.Outputs;
import dev.slope.optimize.Setting;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slope features}: the feature vectors of a dataset's images as CSV. */
@Command(name = "features", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the feature vectors of a dataset's images as CSV.", "",
            "One row per image, comma-separated numbers, no header: the raw features (before the standardizer a"
                + " trained pipeline adds), in the order --features names them, easy to compare with numpy or"
                + " scikit-image.", ""},
        footer = {"", "Examples:", "  slope features --features hog --hog-cell 4 --limit 100 --out hog.csv",
            "  slope features --data fashion-mnist --split test --features hog,hist --out test-features.csv"})
final class FeaturesCommand implements Callable<Integer>, SettingsCommand {
    enum Which { train, test }

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    DataOption data;

    /** The feature settings of the table: the list, each registered kind's own, the seed and the pixel scale. */
    static List<Setting<?>> featureSettings() {
        List<Setting<?>> out = new java.util.ArrayList<>(List.of(Settings.FEATURES));
        Settings.featureKinds().forEach(k -> out.addAll(k.settings()));
        out.addAll(List.of(Settings.SEED, Settings.PIXEL_SCALE));
        return out;
    }

    /** The feature settings of the table. */
    final SettingsOptions settings = SettingsOptions.of(featureSettings())
            .withDefault(Settings.FEATURES, "hog");

    @Override
    public SettingsOptions settings() {
        return settings;
    }

    @Option(names = "--split", paramLabel = "train|test", defaultValue = "train", description = "Which images.")
    Which split;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N images (default: all).")
    Integer limit;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The CSV file to write.")
    Path out;

    @Override
    public Integer call() {
        TrainConfig config = settings.config(spec);
        if (limit != null && limit < 1) {
            throw Cli.usage(spec, "--limit must be at least 1, got " + limit);
        }
        Cli.flags(spec, () -> Outputs.requireWritableFile(out, "--out"));
        PrintWriter err = spec.commandLine().getErr();
        ImageData dataset = data.open(err, common.json);
        ImageSet all = split == Which.train ? dataset.train() : dataset.test();
        ImageSet images = limit == null ? all : all.head(limit);
        // a bag of words' codebook is always fitted on the training split, whichever split is written
        FeatureSet features;
        try (dev.slope.linalg.BatchEngine engine = dev.slope.linalg.BatchEngine.allCores()) {
            features = Cli.flags(spec, () -> config.pipelineSpec().features().fit(dataset.train(), engine));
        }
        int d = Cli.flags(spec, () -> features.dim(images.height(), images.width(), images.channels()));
        long t0 = System.nanoTime();
        float[] row = new float[d];
        AtomicFiles.write(out, stream -> {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < images.size(); i++) {
                features.compute(images.pixelStore(), images.pixelOffset(i), images.height(), images.width(),
                        images.channels(), row, 0);
                line.setLength(0);
                for (int j = 0; j < d; j++) {
                    line.append(j == 0 ? "" : ",").append(row[j]);
                }
                line.append('\n');
                stream.write(line.toString().getBytes(StandardCharsets.US_ASCII));
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("out", out.toAbsolutePath().normalize().toString());
            json.put("images", images.size());
            json.put("features", features.names());
            json.put("dim", d);
            json.put("seconds", Cli.round(seconds, 3));
            Cli.printJson(spec.commandLine().getOut(), json);
        } else {
            spec.commandLine().getOut().printf(Locale.ROOT, "Wrote %s of %d numbers (%s) to %s in %.1fs%n",
                    Cli.count(images.size(), "row"), d, features.names(), out.toAbsolutePath().normalize(), seconds);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
