package dev.slope.web;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The API's JSON bodies, fuzzed through the same code the server runs for them: the only outcome allowed is an
 * answer or an {@link ApiError} (a 4xx with a message); anything else would be a 500. Committed inputs in
 * src/test/resources/dev/slope/web/BodyFuzzTestInputs/; `.ci/run` fuzzes each target for its maxDuration.
 */
class BodyFuzzTest {

    private static void answeredOrRefused(Runnable request) {
        try {
            request.run();
        } catch (ApiError e) {
            if (e.getMessage() == null || e.getMessage().isBlank() || e.status < 400 || e.status >= 500) {
                throw new AssertionError("a refusal without a message or with status " + e.status, e);
            }
        }
    }

    @FuzzTest(maxDuration = "10s")
    void playgroundStep(String body) {
        answeredOrRefused(() -> Playground.step(Bodies.object(body)));
    }

    @FuzzTest(maxDuration = "10s")
    void knnRegions(String body) {
        answeredOrRefused(() -> Neighbours.regions(Bodies.object(body)));
    }
}
