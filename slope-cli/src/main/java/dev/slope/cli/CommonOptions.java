package dev.slope.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
    @Option(names = "--json", description = "Print one JSON object on stdout (snake_case keys) instead of text.")
    boolean json;

    @Option(names = "--verbose", description = "Show stack traces of errors.")
    boolean verbose;
}
