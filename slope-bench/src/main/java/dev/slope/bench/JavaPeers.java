package dev.slope.bench;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import dev.slope.data.ImageSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The Java peers of {@code slope bench}, from Maven Central, run in its JVM on the same pixels Slope trains on
 * (scaled to [0, 1]; centred by the training mean for Tribuo, not for liblinear, whose rows stay sparse): Tribuo's {@code LinearSGDTrainer} (multinomial logistic
 * regression, AdaGrad, as Tribuo's own tutorials set it up) and liblinear's L2-regularized logistic regression
 * (one against the rest). Each reports its training seconds (building the library's own data structures excluded)
 * and its test accuracy.
 */
final class JavaPeers {
    private JavaPeers() {
    }

    /** "Tribuo 4.3.2, liblinear 2.44", as the libraries on the class path say. */
    static String versions() {
        int v = Linear.getVersion();
        return "Tribuo " + org.tribuo.Tribuo.VERSION + ", liblinear " + v / 100 + "." + v % 100;
    }

    /** Pixels of every image, scaled to [0, 1] and centred by {@code mean} (the training images' mean). */
    private static double[][] rows(ImageSet set, double[] mean) {
        int d = set.pixelsPerImage();
        double[][] x = new double[set.size()][d];
        for (int i = 0; i < set.size(); i++) {
            for (int k = 0; k < d; k++) {
                x[i][k] = set.pixel(i, k) / 255.0 - mean[k];
            }
        }
        return x;
    }

    private static double[] mean(ImageSet train) {
        int d = train.pixelsPerImage();
        double[] m = new double[d];
        for (int i = 0; i < train.size(); i++) {
            for (int k = 0; k < d; k++) {
                m[k] += train.pixel(i, k) / 255.0;
            }
        }
        for (int k = 0; k < d; k++) {
            m[k] /= train.size();
        }
        return m;
    }

    static Map<String, Object> tribuo(ImageSet train, ImageSet test, int epochs) {
        double[] mean = mean(train);
        String[] names = new String[train.pixelsPerImage()];
        for (int k = 0; k < names.length; k++) {
            names[k] = String.format("p%03d", k);
        }
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> trainSet = dataset(train, rows(train, mean), names, factory);
        MutableDataset<Label> testSet = dataset(test, rows(test, mean), names, factory);
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), epochs,
                Integer.MAX_VALUE, 1, 1L);
        long t0 = System.nanoTime();
        Model<Label> model = trainer.train(trainSet);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int right = 0;
        List<Prediction<Label>> predictions = model.predict(testSet);
        for (int i = 0; i < predictions.size(); i++) {
            right += predictions.get(i).getOutput().getLabel().equals(Integer.toString(test.label(i))) ? 1 : 0;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test_accuracy", (double) right / test.size());
        m.put("seconds", seconds);
        m.put("settings", "LinearSGDTrainer(LogMulticlass, AdaGrad(0.1, 0.1), " + epochs + " epochs, batch 1)");
        return m;
    }

    private static MutableDataset<Label> dataset(ImageSet set, double[][] x, String[] names, LabelFactory factory) {
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("fashion-mnist", factory),
                factory);
        for (int i = 0; i < set.size(); i++) {
            data.add(new ArrayExample<>(new Label(Integer.toString(set.label(i))), names, x[i]));
        }
        return data;
    }

    static Map<String, Object> liblinear(ImageSet train, ImageSet test, double c, double eps) {
        double[] zero = new double[train.pixelsPerImage()]; // not centred: liblinear's rows stay sparse
        Problem problem = new Problem();
        problem.l = train.size();
        problem.n = train.pixelsPerImage() + 1;
        problem.bias = 1;
        problem.x = features(rows(train, zero), problem.n);
        problem.y = new double[train.size()];
        for (int i = 0; i < train.size(); i++) {
            problem.y[i] = train.label(i);
        }
        Linear.disableDebugOutput();
        long t0 = System.nanoTime();
        de.bwaldvogel.liblinear.Model model = Linear.train(problem, new Parameter(SolverType.L2R_LR, c, eps));
        double seconds = (System.nanoTime() - t0) / 1e9;
        Feature[][] tx = features(rows(test, zero), problem.n);
        int right = 0;
        for (int i = 0; i < test.size(); i++) {
            right += (int) Linear.predict(model, tx[i]) == test.label(i) ? 1 : 0;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test_accuracy", (double) right / test.size());
        m.put("seconds", seconds);
        m.put("settings", "L2R_LR (one against the rest), C " + c + ", eps " + eps);
        return m;
    }

    /** liblinear's sparse rows (1-based indices, zeros left out) with the bias feature last. */
    private static Feature[][] features(double[][] x, int n) {
        Feature[][] out = new Feature[x.length][];
        for (int i = 0; i < x.length; i++) {
            List<Feature> row = new ArrayList<>();
            for (int k = 0; k < x[i].length; k++) {
                if (x[i][k] != 0) {
                    row.add(new FeatureNode(k + 1, x[i][k]));
                }
            }
            row.add(new FeatureNode(n, 1));
            out[i] = row.toArray(new Feature[0]);
        }
        return out;
    }
}
