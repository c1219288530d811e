package dev.slope.loss;

import java.util.List;

/** Looks losses up by the names the command line, model files and the web API use. */
public final class Losses {
    public static final List<String> NAMES = List.of("svm", "softmax");

    private Losses() {
    }

    /**
     * @param name    "svm" or "softmax"
     * @param margin  the SVM margin Δ (ignored by softmax)
     * @param squared the SVM's squared hinge (ignored by softmax)
     */
    public static Loss of(String name, double margin, boolean squared) {
        return switch (name) {
            case "svm" -> new MulticlassSvm(margin, squared);
            case "softmax" -> new SoftmaxCrossEntropy();
            default -> throw new IllegalArgumentException("unknown loss '" + name + "'; choose one of " + NAMES);
        };
    }
}
