package dev.slope.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    @Test
    void confusionMatrixAndAccuracies() {
        Evaluation e = Evaluation.of(List.of("a", "b", "c"), new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 1, 1, 1, 0, 2});
        assertArrayEquals(new int[] {1, 1, 0}, e.confusion()[0]);
        assertArrayEquals(new int[] {0, 2, 0}, e.confusion()[1]);
        assertArrayEquals(new int[] {1, 0, 1}, e.confusion()[2]);
        assertEquals(4.0 / 6, e.accuracy(), 1e-12);
        assertArrayEquals(new double[] {0.5, 1, 0.5}, e.perClassAccuracy(), 1e-12);
        assertEquals(6, e.total());
    }
}
