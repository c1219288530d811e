package dev.slope.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.TestRuns;
import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageData;
import dev.slope.data.ImageSet;
import dev.slope.eval.Evaluation;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Pipeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnnTest {
    static final List<String> ABC = List.of("a", "b", "c");

    /** 1x2 "images" (two pixels each) as raw-pixel rows. */
    static Dataset points(int[][] xy, int[] labels) {
        byte[] px = new byte[xy.length * 2];
        for (int i = 0; i < xy.length; i++) {
            px[2 * i] = (byte) xy[i][0];
            px[2 * i + 1] = (byte) xy[i][1];
        }
        ImageSet images = new ImageSet(px, labels, 1, 2, 1, ABC);
        Pipeline p = new Pipeline(1, 2, 1, new dev.slope.preprocess.Preprocessing(1f, new float[0], false, 2));
        return p.apply(images, DatasetInfo.of("points", images, images.head(0)), "points");
    }

    @Test
    void nearestNeighboursVoteWithTheDocumentedTieRules() {
        Dataset train = points(new int[][] {{0, 0}, {10, 0}, {0, 10}, {10, 10}, {5, 5}}, new int[] {0, 1, 1, 2, 2});
        Dataset q = points(new int[][] {{1, 1}, {9, 9}, {5, 0}, {0, 5}}, new int[] {0, 0, 0, 0});
        KnnClassifier one = new KnnLearner(1, Distance.L2).learn(train, train.head(0));
        assertArrayEquals(new int[] {0, 2, 0, 0}, one.predict(q, TestRuns.ENGINE),
                "(5,0) is 5 from (0,0), (10,0) and (5,5): the earliest training row, (0,0), is the nearest");
        KnnClassifier three = new KnnClassifier(train, 3, Distance.L2);
        // (1,1): nearest (0,0)=a, (5,5)=c, then (10,0) and (0,10) tie at 82: the earlier, (10,0)=b: a, c, b all once,
        // so the nearest neighbour's class, a, wins the tie of counts
        assertEquals(0, three.predict(q, TestRuns.ENGINE)[0]);
        // (9,9): (10,10)=c, (5,5)=c, ... c twice
        assertEquals(2, three.predict(q, TestRuns.ENGINE)[1]);
        KnnClassifier.Neighbours nb = three.neighbours(q, 3, TestRuns.ENGINE);
        assertArrayEquals(new int[] {0, 4, 1}, java.util.Arrays.copyOfRange(nb.indices(), 0, 3));
        assertArrayEquals(new double[] {2, 32, 82}, java.util.Arrays.copyOfRange(nb.distances(), 0, 3), 0);
        assertArrayEquals(new double[] {25, 25, 25}, java.util.Arrays.copyOfRange(nb.distances(), 6, 9), 0,
                "(5,0): three rows at squared distance 25");
        assertArrayEquals(new int[] {0, 1, 4}, java.util.Arrays.copyOfRange(nb.indices(), 6, 9), "ties in training order");
        // (6,4) with k = 2: (5,5)=c at 2, (10,0)=b at 32: one vote each, the nearer c wins, not the lower label b,
        // and classify (what slope predict prints) agrees with predict (what evaluate counts)
        Dataset q2 = points(new int[][] {{6, 4}}, new int[] {0});
        KnnClassifier two = new KnnClassifier(train, 2, Distance.L2);
        dev.slope.model.Classifier.Classified c = two.classify(q2, TestRuns.ENGINE);
        assertArrayEquals(new int[] {2}, c.predicted());
        assertArrayEquals(new int[] {2}, two.predict(q2, TestRuns.ENGINE));
        assertArrayEquals(new float[] {0, 0.5f, 0.5f}, c.outputs(), 0);
    }

    /** Every neighbour list equals a brute-force double loop, sorted by (distance, index), for both distances. */
    @Test
    void neighboursMatchABruteForceLoopExactly() {
        ImageData data = TestRuns.shipped();
        ImageSet trainImages = data.train().head(600);
        ImageSet queryImages = data.test().head(40);
        Pipeline p = KnnLearner.RAW_PIXELS.fit(trainImages);
        Dataset train = TestRuns.rows(p, trainImages);
        Dataset queries = TestRuns.rows(p, queryImages);
        for (Distance d : Distance.values()) {
            KnnClassifier knn = new KnnClassifier(train, 5, d);
            assertTrue(knn.exact());
            KnnClassifier.Neighbours nb = knn.neighbours(queries, 5, TestRuns.ENGINE);
            float[] a = new float[784];
            float[] b = new float[784];
            for (int i = 0; i < queries.size(); i++) {
                queries.rows().copyRow(i, a);
                List<double[]> all = new ArrayList<>();
                for (int j = 0; j < train.size(); j++) {
                    train.rows().copyRow(j, b);
                    all.add(new double[] {d.between(a, 0, b, 0, 784), j});
                }
                all.sort(Comparator.<double[]>comparingDouble(x -> x[0]).thenComparingDouble(x -> x[1]));
                for (int m = 0; m < 5; m++) {
                    assertEquals(all.get(m)[0], nb.distances()[i * 5 + m], 0, d + " query " + i);
                    assertEquals((int) all.get(m)[1], nb.indices()[i * 5 + m], d + " query " + i);
                }
            }
        }
    }

    @Test
    void oneAndFiveNearestNeighboursClassifyFashion() {
        ImageData data = TestRuns.shipped();
        Pipeline p = KnnLearner.RAW_PIXELS.fit(data.train().head(3000));
        Dataset train = TestRuns.rows(p, data.train().head(3000));
        Dataset test = TestRuns.rows(p, data.test().head(500));
        for (int k : new int[] {1, 5}) {
            double acc = Evaluation.of(new KnnClassifier(train, k, Distance.L2), test, TestRuns.ENGINE).accuracy();
            assertTrue(acc > 0.72, k + "-NN: " + acc);
        }
    }

    @Test
    void crossValidationScoresEachK() {
        ImageSet some = TestRuns.shipped().train().head(900);
        double[] acc = KnnLearner.crossValidate(some, new int[] {1, 3, 7}, Distance.L1, 3, 1, TestRuns.ENGINE);
        assertEquals(3, acc.length);
        for (double a : acc) {
            assertTrue(a > 0.6 && a < 1, java.util.Arrays.toString(acc));
        }
        // one search for the neighbours scores every k as a learner of that k alone does (learn, then evaluate), fold
        // for fold: the one cross-validation, used both ways
        int[] ks = {1, 3, 7};
        for (int i = 0; i < ks.length; i++) {
            double[] alone = dev.slope.learn.CrossValidation.score(dev.slope.data.DatasetInfo.of("cross-validation",
                    some, some.head(0)), some, 3, 1, KnnLearner.RAW_PIXELS, new KnnLearner(ks[i], Distance.L1),
                    TestRuns.ENGINE, null);
            assertEquals(alone[0], acc[i], 1e-12, "k = " + ks[i]);
        }
    }

    @Test
    void crossValidationRefusesAKLargerThanAFoldTrainsOn() {
        ImageSet ten = TestRuns.shipped().train().head(10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KnnLearner.crossValidate(ten, new int[] {9}, Distance.L2, 5, 1, TestRuns.ENGINE));
        assertTrue(dev.slope.FieldNames.FLAGS.messageOf(e).contains("--k 9 is more than the 8 images a fold trains on"), e.getMessage());
        assertEquals(1, KnnLearner.crossValidate(ten, new int[] {8}, Distance.L2, 5, 1, TestRuns.ENGINE).length);
    }

    @Test
    void badKIsNamed() {
        Dataset train = points(new int[][] {{0, 0}, {1, 1}}, new int[] {0, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KnnClassifier(train, 3,
                Distance.L2));
        assertTrue(dev.slope.FieldNames.FLAGS.messageOf(e).contains("--k 3 is more than the 2 training images"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new KnnLearner(0, Distance.L2));
        assertTrue(dev.slope.FieldNames.FLAGS.messageOf(e).contains("--k must be at least 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new KnnClassifier(train, -2, Distance.L2));
        assertTrue(dev.slope.FieldNames.FLAGS.messageOf(e).contains("--k must be at least 1, got -2"), e.getMessage());
    }
}
