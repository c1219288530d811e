package dev.slope;

import dev.slope.optimize.Setting;
import java.util.ArrayList;
import java.util.List;

/**
 * For each setting of the table, values the table refuses: one of the wrong kind (a word for a number, a name that
 * is not a choice) and, where the setting has a range, one outside it. The front ends' tests send them and check
 * that the answer names the setting as that front end names it.
 */
public final class BadValues {
    private BadValues() {
    }

    /** Texts that {@code setting.parse} refuses; the first is of the wrong kind. */
    public static List<String> of(Setting<?> setting) {
        List<String> bad = new ArrayList<>();
        bad.add(setting.isBoolean() ? "maybe" : setting.type() == String.class ? "nope" : "many");
        if (setting.type() != String.class && !setting.isBoolean()) {
            for (String outside : List.of("-1", "0", "1e300", "NaN")) {
                if (refused(setting, outside)) {
                    bad.add(outside);
                    break;
                }
            }
        }
        for (String text : bad) {
            if (!refused(setting, text)) {
                throw new AssertionError(setting + " accepts '" + text + "'");
            }
        }
        return bad;
    }

    private static boolean refused(Setting<?> setting, String text) {
        try {
            setting.parse(text);
            return false;
        } catch (InvalidValueException e) {
            return true;
        }
    }
}
