package dev.slope.optimize;

/** Read access to a run's settings by their table entry ({@link Settings}). */
@FunctionalInterface
public interface SettingValues {
    <T> T get(Setting<T> setting);
}
