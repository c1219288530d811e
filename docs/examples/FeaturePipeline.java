import dev.slope.api.Slope;
import dev.slope.data.Datasets;
import dev.slope.data.ImageData;
import dev.slope.linalg.BatchEngine;
import dev.slope.optimize.HogKind;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import java.nio.file.Path;

/**
 * The lecture's image features against raw pixels on the same data and engine: a linear classifier on HOG
 * (4x4-pixel cells, 9 bins) and the pixels, then on the pixels alone. The features are computed once, standardized
 * on the training split and kept with the model, so a saved model reads raw images again.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp slope-cli/target/slope.jar docs/examples/FeaturePipeline.java [DATA]
 * </pre>
 */
public class FeaturePipeline {
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "data/fashion-mnist-small");
        try (BatchEngine engine = BatchEngine.allCores()) {
            ImageData data = Datasets.open(dir);
            TrainConfig hog = TrainConfig.builder().set(Settings.FEATURES, "hog,pixels").set(HogKind.CELL, 4).build();
            TrainConfig pixels = TrainConfig.DEFAULTS;

            double withHog = Slope.train(data, hog, engine).testAccuracy();
            double raw = Slope.train(data, pixels, engine).testAccuracy();
            System.out.printf("hog,pixels %.2f%%, pixels %.2f%% test accuracy%n", 100 * withHog, 100 * raw);
        }
    }
}
