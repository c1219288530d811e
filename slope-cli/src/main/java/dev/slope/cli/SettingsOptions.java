package dev.slope.cli;

import dev.slope.FieldNames;
import dev.slope.optimize.Setting;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's options for the run's settings, generated from the one table ({@link Settings}): each
 * setting is one option, {@code --kebab-case} of its name, with its help and default; a boolean also gets
 * {@code --no-...}. A command may take a subset of the settings and give some its own default, which its
 * help then says. The values are read as text and checked by the table when the config is built, so
 * every command gives the same message for the same mistake.
 */
public final class SettingsOptions {
    private final List<Setting<?>> settings;
    private final Map<Setting<?>, Object> ownDefaults = new LinkedHashMap<>();
    private final Map<Setting<?>, String> given = new LinkedHashMap<>();
    private final Map<Setting<?>, String> ranges = new LinkedHashMap<>();
    private boolean acceptRanges;

    private SettingsOptions(List<Setting<?>> settings) {
        this.settings = List.copyOf(settings);
    }

    /** Every setting of the table. */
    public static SettingsOptions all() {
        return new SettingsOptions(Settings.all());
    }

    /** Only these settings. */
    static SettingsOptions of(List<Setting<?>> settings) {
        return new SettingsOptions(settings);
    }

    /** All settings but these (a command that decides them itself). */
    static SettingsOptions allBut(Setting<?>... excluded) {
        List<Setting<?>> out = List.of(excluded);
        return new SettingsOptions(Settings.all().stream().filter(s -> !out.contains(s)).toList());
    }

    /** This command's own default for a setting, said in its help. */
    <T> SettingsOptions withDefault(Setting<T> setting, T value) {
        ownDefaults.put(setting, setting.check(value));
        return this;
    }

    /** Numeric settings may be given as a range LOW:HIGH[:lin|log] (for a search), kept apart from single values. */
    SettingsOptions acceptingRanges() {
        acceptRanges = true;
        return this;
    }

    List<Setting<?>> settings() {
        return settings;
    }

    /** Adds one option per setting to the command. */
    public void addTo(CommandSpec spec) {
        for (Setting<?> s : settings) {
            String flag = FieldNames.FLAGS.name(s.name());
            if (s.isBoolean()) {
                spec.addOption(OptionSpec.builder(flag).arity("0").type(boolean.class)
                        .description(help(s) + " Turn off with --no-" + flag.substring(2) + ".")
                        .setter(store(s, "true")).build());
                spec.addOption(OptionSpec.builder("--no-" + flag.substring(2)).arity("0").type(boolean.class)
                        .hidden(true).setter(store(s, "false")).build());
            } else {
                String label = acceptRanges && s.searchable() ? s.label() + "|RANGE" : s.label();
                spec.addOption(OptionSpec.builder(flag).arity("1").type(String.class).paramLabel(label)
                        .description(help(s)).setter(store(s, null)).build());
            }
        }
    }

    private String help(Setting<?> s) {
        String text = s.help(FieldNames.FLAGS) + (s.choices().isEmpty() ? "" : " One of " + String.join(", ", s.choices()) + ".");
        String dflt;
        if (ownDefaults.containsKey(s)) {
            dflt = "Default here: " + s.text(ownDefaults.get(s)) + " (slope train's: " + s.defaultText() + ").";
        } else {
            dflt = "Default: " + s.defaultText() + ".";
        }
        return (text + " " + dflt).replace("%", "%%");
    }

    private ISetter store(Setting<?> s, String fixed) {
        return new ISetter() {
            @Override
            public <T> T set(T value) {
                if (value == null) {
                    return null;
                }
                String text = fixed != null ? fixed : value.toString();
                if (fixed == null && acceptRanges && s.searchable() && text.contains(":")) {
                    ranges.put(s, text);
                    given.remove(s);
                } else {
                    given.put(s, text);
                    ranges.remove(s);
                }
                return null;
            }
        };
    }

    /** Whether the user gave this setting on the command line. */
    boolean given(Setting<?> s) {
        return given.containsKey(s) || ranges.containsKey(s);
    }

    /** Settings given as ranges (with {@link #acceptingRanges()}), in the order of the table. */
    Map<Setting<?>, String> ranges() {
        Map<Setting<?>, String> ordered = new LinkedHashMap<>();
        for (Setting<?> s : settings) {
            if (ranges.containsKey(s)) {
                ordered.put(s, ranges.get(s));
            }
        }
        return ordered;
    }

    /** The config: the table's defaults, this command's own, then what was given; a bad value is a usage error. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public TrainConfig config(CommandSpec spec) {
        return Cli.flags(spec, () -> {
            TrainConfig.Builder b = TrainConfig.builder();
            ownDefaults.forEach((s, v) -> b.set((Setting) s, v));
            given.forEach((s, text) -> b.parse(s.name(), text));
            return b.build();
        });
    }
}
