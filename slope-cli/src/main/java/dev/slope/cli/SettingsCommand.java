package dev.slope.cli;

/** A command whose options include settings of the run, generated from the table by {@link SettingsOptions}. */
public interface SettingsCommand {
    SettingsOptions settings();
}
