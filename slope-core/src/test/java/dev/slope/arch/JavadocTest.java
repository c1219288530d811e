package dev.slope.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * slope-core's API documentation: every public type says what it is for, and the javadoc tool with every doclint
 * check but "missing" (what {@code mvn javadoc:javadoc -pl slope-core} runs) reports no warning and no error. The
 * JDK's mandatory note that the incubator module is in use is the one diagnostic let through.
 */
class JavadocTest {
    static final Path SOURCES = Path.of("src/main/java");
    static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^[ \\t]*public\\s+(?:static\\s+|final\\s+|abstract\\s+|sealed\\s+|non-sealed\\s+)*"
                    + "(?:class|interface|record|enum|@interface)\\s+(\\w+)", Pattern.MULTILINE);

    static List<Path> sources() throws IOException {
        try (Stream<Path> all = Files.walk(SOURCES)) {
            return all.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void everyPublicTypeHasJavadoc() throws IOException {
        List<String> missing = new ArrayList<>();
        int types = 0;
        for (Path p : sources()) {
            String code = Files.readString(p, StandardCharsets.UTF_8);
            Matcher m = PUBLIC_TYPE.matcher(code);
            while (m.find()) {
                types++;
                if (!documented(code.substring(0, m.start()))) {
                    missing.add(p + ": " + m.group(1));
                }
            }
        }
        assertTrue(types > 150, "public types found: " + types);
        assertEquals(List.of(), missing);
    }

    /** Whether the text before a declaration ends with a doc comment, annotations between them allowed. */
    static boolean documented(String before) {
        List<String> lines = new ArrayList<>(List.of(before.stripTrailing().split("\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).strip().startsWith("@")) {
            lines.remove(lines.size() - 1);
        }
        return String.join("\n", lines).stripTrailing().endsWith("*/");
    }

    @Test
    void theCheckSeesAMissingComment() {
        assertTrue(documented("/** A thing. */\n@Deprecated\n"));
        assertTrue(!documented("import x;\n\n"));
        assertTrue(!documented("// a line comment\n"));
    }

    @Test
    void javadocReportsNothing(@TempDir Path out) throws IOException {
        DocumentationTool tool = ToolProvider.getSystemDocumentationTool();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = tool.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("--add-modules", "jdk.incubator.vector", "-Xdoclint:all,-missing", "-quiet",
                    "-d", out.toString(), "-cp", System.getProperty("java.class.path"));
            DocumentationTool.DocumentationTask task = tool.getTask(new StringWriter(), files, diagnostics, null, options,
                    files.getJavaFileObjectsFromPaths(sources()));
            boolean ok = task.call();
            List<String> reported = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (!"compiler.warn.incubating.modules".equals(d.getCode()) && d.getKind() != Diagnostic.Kind.NOTE) {
                    reported.add(d.getKind() + " " + (d.getSource() == null ? "" : d.getSource().getName() + ":"
                            + d.getLineNumber() + " ") + d.getMessage(Locale.ROOT));
                }
            }
            assertEquals(List.of(), reported);
            assertTrue(ok, "javadoc failed");
            assertTrue(Files.isRegularFile(out.resolve("dev/slope/api/Slope.html")), "the library's face is documented");
        }
    }
}
