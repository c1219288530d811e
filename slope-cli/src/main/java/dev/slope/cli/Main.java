package dev.slope.cli;

import dev.slope.FieldNames;
import dev.slope.SlopeException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code slope} command: one subcommand per job. */
@Command(name = "slope", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {
            "Train, check and explain linear image classifiers: f(x) = Wx + b, the multiclass SVM (also one-vs-all and"
                + " structured) and softmax losses, L2 / L1 / elastic-net regularization, numerical and analytic"
                + " gradients, gradient descent, image features and k nearest neighbours.", ""},
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, LossCommand.class, FeaturesCommand.class,
            KnnCommand.class,
            GradcheckCommand.class, CompareCommand.class, SanityCommand.class, SearchCommand.class, ReportCommand.class,
            LectureCommand.class, ExportCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Start with:  slope train       (learns the shipped Fashion-MNIST subset)",
            "Then:        slope evaluate --model model.slope",
            "Every command takes --help, and --json for one JSON object on stdout.",
            "Also, each built on first use by the slope launcher:",
            "  slope serve         the lecture's interactive demo and a training dashboard",
            "  slope bench         Slope side by side with numpy, scikit-learn and Tribuo",
            "  slope spark-train   slope train with the rows on Apache Spark",
            "Exit codes: 0 success, 1 data or runtime error, 2 usage error."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs a command line and returns its exit code (for tests and for {@link #main}). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        configure(cl, out, err);
        if (args.length > 0 && !args[0].startsWith("-") && !args[0].startsWith("@")
                && !cl.getSubcommands().containsKey(args[0])) {
            // picocli would print the top help for "slope knnn --help"; an unknown command is a usage error
            err.println("slope: unknown command '" + args[0] + "'" + closest(args[0], cl.getSubcommands().keySet()));
            err.println("Try 'slope --help' for the commands.");
            out.flush();
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        boolean quiet = java.util.Arrays.asList(args).contains("--quiet");
        dev.slope.Progress.report(quiet ? null : new ProgressLines(err, System.console() != null));
        int code;
        try {
            code = cl.execute(args);
        } finally {
            dev.slope.Progress.report(null);
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Gives a command line slope's conventions: output streams, case-insensitive choices, usage errors (exit 2) and
     * runtime errors (exit 1) said in one line, and a settings command's generated options. Also for a command run
     * on its own, as slope-spark runs {@code spark-train}.
     */
    public static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        if (cl.getCommand() instanceof SettingsCommand c) {
            c.settings().addTo(cl.getCommandSpec());
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler(Main::runtimeError);
        return cl;
    }

    /** The command line with every subcommand's generated settings options. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommand() instanceof SettingsCommand c) {
                c.settings().addTo(sub.getCommandSpec());
            }
        }
        return cl;
    }

    public static void main(String[] args) {
        dev.slope.run.Environment.adopt();
        int code;
        try {
            code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        } catch (OutOfMemoryError e) {
            System.err.println("slope: error: out of memory; give Java more, e.g. SLOPE_JAVA_OPTS=-Xmx8g ./slope ...");
            code = CommandLine.ExitCode.SOFTWARE;
        }
        System.exit(code);
    }

    /** "; did you mean 'train'?" for the nearest command name within two edits, else "". */
    static String closest(String word, java.util.Collection<String> names) {
        String best = null;
        int bestDistance = 3;
        for (String name : names) {
            int d = editDistance(word, name);
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options and an example.");
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    private static int runtimeError(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        boolean verbose = parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"))
                || parsed.hasMatchedOption("--verbose");
        String name = cmd.getCommandSpec().qualifiedName();
        if (ex instanceof SlopeException || ex instanceof IllegalArgumentException) {
            err.println(name + ": error: " + FieldNames.FLAGS.messageOf(ex));
        } else {
            err.println(name + ": internal error: " + ex + (verbose ? "" : " (run with --verbose for the stack trace)"));
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** The version a saved model records too, the Java it runs on and the kernel it picked. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"slope " + dev.slope.model.Provenance.currentVersion(),
                "Java " + System.getProperty("java.version") + ", kernel " + dev.slope.linalg.RowKernel.best().name()};
        }
    }
}
