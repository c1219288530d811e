package dev.slope.cli;

import dev.slope.data.ImageData;
import dev.slope.lecture.DataSections;
import dev.slope.lecture.Sections;
import dev.slope.lecture.Worked;
import dev.slope.linalg.BatchEngine;
import dev.slope.objective.FusedPass;
import dev.slope.optimize.SearchProblem;
import dev.slope.optimize.Strategy;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Splits;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slope lecture}: the lecture's sections with their own numbers, worked step by step by Slope's core. */
@Command(name = "lecture", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The lecture \"Loss functions and optimization\", section by section: every number on its slides"
                + " computed by Slope, each intermediate value on its own line.", "",
            "Without a section: the list of sections."},
        footer = {"", "Examples:", "  slope lecture                   # the sections", "  slope lecture svm",
            "  slope lecture softmax --json    # every number", "  slope lecture --all"})
final class LectureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "SECTION", description = "A section: ${COMPLETION-CANDIDATES}.",
            completionCandidates = SectionNames.class)
    String section;

    @Option(names = "--all", description = "Every section, in the lecture's order.")
    boolean all;

    @Mixin
    DataOption data;

    @Option(names = "--plots", paramLabel = "DIR", description = "Write the sections' pictures here (the optimization"
            + " curves, the polar transform, a photograph's HOG cells and hue histogram, the kNN regions).")
    java.nio.file.Path plots;

    @Option(names = "--photo", paramLabel = "FILE", description = "The colour photograph the features section takes"
            + " apart (default: the shipped data/photos/chelsea-320x240.png, the lecture's 320×240).")
    java.nio.file.Path photo;

    /** The optimization sections' problem: the data split once, the default settings. */
    private ImageData dataset;
    private SearchProblem problem;
    private BatchEngine engine;
    private FusedPass pass;

    /** The section names for --help. */
    static final class SectionNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        SectionNames() {
            super(Sections.NAMES.keySet());
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (all && section != null) {
            throw Cli.usage(spec, "give a SECTION or --all, not both");
        }
        if (section != null && !Sections.NAMES.containsKey(section)) {
            throw Cli.usage(spec, "there is no section '" + section + "'; the sections are "
                    + String.join(", ", Sections.NAMES.keySet()) + " (slope lecture lists them)");
        }
        List<String> names = all ? new ArrayList<>(Sections.NAMES.keySet()) : section == null ? List.of() : List.of(section);
        if (names.isEmpty()) {
            if (common.json) {
                Cli.printJson(out, Map.of("sections", Sections.NAMES));
            } else {
                out.println("The lecture's sections (slope lecture SECTION runs one, --all runs them in order):");
                Sections.NAMES.forEach((name, what) -> out.printf("  %-16s %s%n", name, what));
            }
            out.flush();
            return 0;
        }
        List<Map<String, Object>> json = new ArrayList<>();
        List<String> written = new ArrayList<>();
        if (plots != null) {
            Cli.flags(spec, () -> dev.slope.io.Outputs.requireWritableFolder(plots, "--plots"));
            dev.slope.runfiles.RunFolder.create(plots);
        }
        try {
            for (String name : names) {
                Worked w = Sections.needsData(name) ? onData(name) : Sections.run(name);
                if (plots != null) {
                    for (Map.Entry<String, java.awt.image.BufferedImage> p : w.pictures().entrySet()) {
                        dev.slope.viz.Png.write(p.getValue(), plots.resolve(p.getKey()));
                        written.add(plots.resolve(p.getKey()).toString());
                    }
                }
                if (common.json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("section", name);
                    m.put("title", w.title());
                    m.putAll(w.json());
                    json.add(m);
                } else {
                    w.lines().forEach(out::println);
                    out.println();
                    out.flush();
                }
            }
        } finally {
            if (engine != null) {
                engine.close();
            }
        }
        if (common.json) {
            Map<String, Object> result = new LinkedHashMap<>(all ? Map.of("sections", json) : json.get(0));
            if (plots != null) {
                result.put("plots", written);
            }
            Cli.printJson(out, result);
        } else if (plots != null) {
            out.println(written.isEmpty() ? "No pictures in these sections." : "Pictures: " + String.join(", ", written));
        }
        out.flush();
        return 0;
    }

    private Worked onData(String name) {
        if (problem == null) {
            TrainConfig config = DataSections.CONFIG;
            engine = BatchEngine.allCores();
            dataset = data.open(spec.commandLine().getErr(), common.json, engine);
            problem = new SearchProblem(Splits.prepare(dataset, config.pipelineSpec(), config.valFraction(), config.seed(),
                    engine), config);
            pass = problem.pass(engine);
            Strategy.warmUp(problem, pass);
        }
        java.nio.file.Path shipped = Cli.home().resolve("data/photos/chelsea-320x240.png");
        java.nio.file.Path picture = photo != null ? photo : java.nio.file.Files.isRegularFile(shipped) ? shipped : null;
        return DataSections.run(name, dataset, problem, pass, problem.config().seed(), picture);
    }
}
