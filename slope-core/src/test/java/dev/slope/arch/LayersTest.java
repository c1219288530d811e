package dev.slope.arch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The layers of slope-core are the ones {@code docs/architecture.md} draws: its table "Packages of slope-core", read
 * row by row from the bottom up, is the layer order, and a class may only use classes of its own layer or of layers
 * listed before it. Reordering the table, or code that reaches up, fails this test; so does a package the table
 * leaves out.
 */
class LayersTest {
    static final JavaClasses CORE = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.slope");

    /** Each row of the table: the packages named in backticks in its first cell, bottom layer first. */
    static List<List<String>> documentedLayers() throws IOException {
        String doc = Files.readString(Path.of("../docs/architecture.md"), StandardCharsets.UTF_8);
        int from = doc.indexOf("## Packages of `slope-core`");
        int to = doc.indexOf("\n## ", from + 1);
        assertTrue(from >= 0 && to > from, "docs/architecture.md has the section 'Packages of `slope-core`'");
        List<List<String>> layers = new ArrayList<>();
        for (String line : doc.substring(from, to).split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String cell = line.substring(1, line.indexOf('|', 1));
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("`([a-z.]+)`").matcher(cell);
            while (m.find()) {
                names.add(m.group(1));
            }
            layers.add(names);
        }
        return layers;
    }

    static String packageOf(String name) {
        return name.equals("dev.slope") ? "dev.slope" : "dev.slope." + name + "..";
    }

    @Test
    void everyPackageIsInTheTableOnce() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (List<String> layer : documentedLayers()) {
            for (String name : layer) {
                assertTrue(documented.add(name.equals("dev.slope") ? "" : name), name + " is listed twice");
            }
        }
        Set<String> actual = new TreeSet<>();
        CORE.forEach(c -> {
            String p = c.getPackageName();
            actual.add(p.equals("dev.slope") ? "" : p.substring("dev.slope.".length()).split("\\.")[0]);
        });
        assertEquals(actual, documented, "the table names every package of slope-core");
    }

    @Test
    void noPackageReachesAboveItsLayer() throws IOException {
        List<List<String>> layers = documentedLayers();
        LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (int i = 0; i < layers.size(); i++) {
            rule = rule.layer("L" + i + " " + layers.get(i)).definedBy(
                    layers.get(i).stream().map(LayersTest::packageOf).toArray(String[]::new));
        }
        for (int i = 0; i < layers.size() - 1; i++) {
            List<String> above = new ArrayList<>();
            for (int j = i + 1; j < layers.size(); j++) {
                above.add("L" + j + " " + layers.get(j));
            }
            rule = rule.whereLayer("L" + i + " " + layers.get(i)).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
        }
        int top = layers.size() - 1;
        rule.whereLayer("L" + top + " " + layers.get(top)).mayNotBeAccessedByAnyLayer().check(CORE);
    }
}
