package dev.slope.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class BatchEngineTest {
    @Test
    void everyRowIsCoveredOnceByContiguousParts() {
        try (BatchEngine engine = new BatchEngine(3)) {
            AtomicIntegerArray seen = new AtomicIntegerArray(100);
            engine.run(0, 100, 3, (part, from, to) -> {
                for (int i = from; i < to; i++) {
                    seen.incrementAndGet(i);
                }
            });
            int[] ones = new int[100];
            java.util.Arrays.fill(ones, 1);
            int[] got = new int[100];
            for (int i = 0; i < 100; i++) {
                got[i] = seen.get(i);
            }
            assertArrayEquals(ones, got);
        }
    }

    /**
     * An Error on the caller's own part (here an AssertionError; an OutOfMemoryError in use) is rethrown only
     * after the other parts have finished: they write into the caller's buffers and must not outlive run.
     */
    @Test
    void aFailingPartWaitsForTheOthersBeforeRethrowing() {
        try (BatchEngine engine = new BatchEngine(3)) {
            AtomicIntegerArray finished = new AtomicIntegerArray(3);
            AssertionError boom = new AssertionError("boom");
            AssertionError thrown = assertThrows(AssertionError.class, () -> engine.run(0, 300, 3, (part, from, to) -> {
                if (part == 0) {
                    throw boom;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                finished.set(part, 1);
            }));
            assertSame(boom, thrown);
            assertArrayEquals(new int[] {0, 1, 1}, new int[] {finished.get(0), finished.get(1), finished.get(2)},
                    "parts 1 and 2 had finished when run returned");
        }
    }
}
