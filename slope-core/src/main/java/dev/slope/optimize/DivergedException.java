package dev.slope.optimize;

import dev.slope.FieldNames;
import dev.slope.SlopeException;
import dev.slope.model.Parameters;
import java.util.function.Function;

/**
 * Training stopped because the loss became NaN or infinite. Carries the last parameters whose loss was
 * finite, so nothing learned before the blow-up is lost.
 */
public class DivergedException extends SlopeException {
    private static final long serialVersionUID = 1L;

    private final transient Parameters lastGood;
    private final int epoch;
    private final long step;

    public DivergedException(String message, Parameters lastGood, int epoch, long step) {
        super(message);
        this.lastGood = lastGood;
        this.epoch = epoch;
        this.step = step;
    }

    /** @param message the text, given the names to call a field by (the learning rate it suggests) */
    public DivergedException(Function<FieldNames, String> message, Parameters lastGood, int epoch, long step) {
        super(message);
        this.lastGood = lastGood;
        this.epoch = epoch;
        this.step = step;
    }

    /** The parameters before the step that first gave a non-finite loss. */
    public Parameters lastGood() {
        return lastGood;
    }

    public int epoch() {
        return epoch;
    }

    public long step() {
        return step;
    }
}
