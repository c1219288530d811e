package dev.slope.optimize;

import dev.slope.InvalidValueException;
import java.util.List;

/**
 * How much work a search strategy may spend. The unit of work is one <em>evaluation</em>: the loss
 * over every image of the training split, which is also one epoch of gradient descent (N examples
 * scored, whatever the batch size). Or wall-clock seconds.
 *
 * @param amount how many evaluations (or epochs) or seconds; above 0
 * @param unit   what the amount counts
 */
public record Budget(double amount, Unit unit) {
    /** What a budget counts. */
    public enum Unit { EVALUATIONS, EPOCHS, SECONDS }

    public static final List<String> UNITS = List.of("evaluations", "epochs", "seconds");

    public Budget {
        if (!Double.isFinite(amount) || amount <= 0) {
            throw new InvalidValueException(n -> n.name("budget") + " must be a finite number > 0, got " + amount);
        }
        if (unit == null) {
            throw new IllegalArgumentException("a budget needs a unit: one of " + UNITS);
        }
    }

    /** True when time is the limit. */
    public boolean inSeconds() {
        return unit == Unit.SECONDS;
    }

    /** Whether {@code evaluations} spent after {@code seconds} exhaust the budget. */
    public boolean spent(double evaluations, double seconds) {
        return inSeconds() ? seconds >= amount : evaluations >= amount - 1e-9;
    }

    @Override
    public String toString() {
        String noun = unit.name().toLowerCase();
        return amount == 1 ? "1 " + noun.substring(0, noun.length() - 1)
                : (amount == Math.rint(amount) ? Long.toString((long) amount) : Double.toString(amount)) + " " + noun;
    }
}
