package dev.slope.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Core names a field by its snake_case name and lets the front end render it ({@code dev.slope.FieldNames}): no
 * string literal in slope-core's main sources spells a command-line flag, so a web API user never reads
 * {@code --lr}.
 */
class CoreSpeaksInFieldsTest {
    /** A flag as the command line spells it, at the start of a literal or after a space or a bracket. */
    static final Pattern FLAG = Pattern.compile("(^|[\\s(\\[])--[a-z]");
    static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");

    @Test
    void noStringLiteralInCoreNamesAFlag() throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path p : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                files++;
                String code = withoutComments(Files.readString(p, StandardCharsets.UTF_8));
                Matcher m = LITERAL.matcher(code);
                while (m.find()) {
                    if (FLAG.matcher(m.group().substring(1, m.group().length() - 1)).find()) {
                        found.add(p + ": " + m.group());
                    }
                }
            }
        }
        assertTrue(files > 100, "read slope-core's sources: " + files);
        assertEquals(List.of(), found);
    }

    @Test
    void theScanFindsAFlagWhereOneIs() {
        String code = withoutComments("""
                // a comment may say --lr
                throw new IllegalArgumentException("--lr must be > 0");
                String perms = "rw-r--r--";
                """);
        Matcher m = LITERAL.matcher(code);
        List<String> flagged = new ArrayList<>();
        while (m.find()) {
            if (FLAG.matcher(m.group().substring(1, m.group().length() - 1)).find()) {
                flagged.add(m.group());
            }
        }
        assertEquals(List.of("\"--lr must be > 0\""), flagged);
    }

    /** The source without its comments (a text block's lines are scanned as they are). */
    static String withoutComments(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
    }
}
