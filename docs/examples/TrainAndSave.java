import dev.slope.api.Slope;
import java.nio.file.Path;

/**
 * Trains a softmax classifier on the shipped Fashion-MNIST subset with the defaults of {@code slope train}, prints
 * its test accuracy and saves it.
 *
 * <pre>
 * mvn -q -pl slope-cli -am package -DskipTests      # once: builds slope-cli/target/slope.jar
 * java --add-modules jdk.incubator.vector -cp slope-cli/target/slope.jar docs/examples/TrainAndSave.java [DATA] [OUT]
 * </pre>
 */
public class TrainAndSave {
    public static void main(String[] args) {
        Path data = Path.of(args.length > 0 ? args[0] : "data/fashion-mnist-small");
        Path out = Path.of(args.length > 1 ? args[1] : "model.slope");

        Slope.Trained run = Slope.train(data);
        System.out.printf("test accuracy %.2f%% after %d epochs%n", 100 * run.testAccuracy(), run.summary().epochs());
        run.save(out);

        System.out.println("saved " + out);
    }
}
