package dev.slope.cli;

import dev.slope.viz.RunReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slope report}: one self-contained HTML page of a run folder. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Make one HTML page of a run folder (slope train --plots DIR).", "",
            "DIR/report.html holds the results, the settings and every picture, inlined, in one file that opens in"
                + " any browser.", ""},
        footer = {"", "Example:", "  slope train --plots runs/first && slope report runs/first"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "DIR", description = "A run folder written by slope train --plots.")
    Path dir;

    @Override
    public Integer call() {
        Path out = RunReport.write(dir);
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("report", out.toAbsolutePath().normalize().toString());
            Cli.printJson(spec.commandLine().getOut(), json);
        } else {
            spec.commandLine().getOut().println("Report written to " + out.toAbsolutePath().normalize());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
