import dev.slope.api.Slope;
import java.nio.file.Path;

/**
 * Loads a saved model and classifies image files: the class and the model's output for it (a probability for a
 * softmax model, a score for an SVM). Images of another size are scaled to the model's, colour to grey as needed.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp slope-cli/target/slope.jar docs/examples/PredictImage.java \
 *     model.slope data/images/9-ankle-boot.png data/images/1-trouser.png
 * </pre>
 */
public class PredictImage {
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: PredictImage MODEL IMAGE...");
            System.exit(2);
        }
        Slope.Predictor model = Slope.load(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            Slope.Prediction p = model.predict(Path.of(args[i]));
            System.out.printf("%s: %s (%s %.3f)%n", args[i], p.className(), p.outputName(), p.output(p.className()));
        }
    }
}
