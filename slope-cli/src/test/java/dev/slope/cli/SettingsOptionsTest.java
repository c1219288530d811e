package dev.slope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slope.optimize.Setting;
import dev.slope.optimize.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every interface names a setting as the table does: each option of a settings command, each key of the
 * JSON a run prints and of its model file, each searchable parameter is generated from {@link Settings}.
 */
class SettingsOptionsTest {
    @TempDir
    static Path dir;

    /** Options of the train command that are not settings of the run. */
    static final Set<String> TRAIN_OWN = Set.of("--json", "--verbose", "--data", "--image-size", "--colour", "--on-bad-image",
            "--threads",
            "--out", "--plots", "--quiet", "--checkpoint", "--checkpoint-every", "--resume",
            "--help", "--version", "-h", "-V");

    @BeforeAll
    static void home() {
        System.setProperty("slope.home", Path.of("..").toAbsolutePath().normalize().toString());
    }

    static Set<String> optionNames(String command) {
        CommandLine sub = Main.commandLine().getSubcommands().get(command);
        Set<String> names = new TreeSet<>();
        for (OptionSpec o : sub.getCommandSpec().options()) {
            names.addAll(List.of(o.names()));
        }
        return names;
    }

    static Set<String> settingFlags(List<Setting<?>> settings) {
        Set<String> flags = new TreeSet<>();
        for (Setting<?> s : settings) {
            String flag = dev.slope.FieldNames.FLAGS.name(s.name());
            flags.add(flag);
            if (s.isBoolean()) {
                flags.add("--no-" + flag.substring(2));
            }
        }
        return flags;
    }

    @Test
    void trainHasOneOptionPerSettingAndNoOther() {
        Set<String> options = optionNames("train");
        options.removeAll(TRAIN_OWN);
        assertEquals(settingFlags(Settings.all()), options);
    }

    @Test
    void everyCommandNamesItsSettingsAsTheTableDoes() {
        Set<String> allFlags = settingFlags(Settings.all());
        for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
            if (!(sub.getCommand() instanceof SettingsCommand c)) {
                continue;
            }
            Set<String> options = optionNames(sub.getCommandName());
            assertTrue(options.containsAll(settingFlags(c.settings().settings())), sub.getCommandName());
            for (String o : options) {
                boolean setting = allFlags.contains(o);
                boolean listed = settingFlags(c.settings().settings()).contains(o);
                assertEquals(setting, listed, sub.getCommandName() + " " + o + ": a setting's flag is generated, never"
                        + " declared by hand");
            }
        }
    }

    static JsonObject run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, code, err.toString());
        return JsonParser.parseString(out.toString()).getAsJsonObject();
    }

    @Test
    void theJsonOfARunAndItsModelFileUseTheTablesNamesAndTypes() throws Exception {
        Path model = dir.resolve("typed.slope");
        JsonObject r = run("train", "--epochs", "1", "--batch-size", "full", "--update", "adam", "--out", model.toString(),
                "--json", "--quiet");
        JsonObject config = r.getAsJsonObject("config");
        List<String> names = Settings.all().stream().map(Setting::name).toList();
        assertEquals(names, new ArrayList<>(config.keySet()));
        assertTrue(config.get("lr").getAsJsonPrimitive().isNumber());
        assertEquals(0.005 * Math.sqrt(4096 / 200.0), config.get("lr").getAsDouble(), 1e-15,
                "adam's default rate at batch 200, for the full batch");
        assertTrue(config.get("bias_trick").getAsJsonPrimitive().isBoolean());
        assertEquals("full", config.get("batch_size").getAsString());
        assertEquals(1, config.get("epochs").getAsInt());
        assertTrue(config.get("epochs").getAsJsonPrimitive().isNumber());

        byte[] bytes = Files.readAllBytes(model);
        int headerLength = ByteBuffer.wrap(bytes, 12, 4).getInt();
        JsonObject header = JsonParser.parseString(new String(bytes, 16, headerLength, StandardCharsets.UTF_8))
                .getAsJsonObject();
        JsonObject settings = header.getAsJsonObject("settings");
        assertEquals(names, new ArrayList<>(settings.keySet()));
        for (String name : names) {
            JsonElement a = settings.get(name);
            assertEquals(config.get(name), a, name + " is the same typed value in the model file as in --json");
        }
        JsonObject provenance = header.getAsJsonObject("provenance");
        assertEquals(64, provenance.getAsJsonObject("dataset").get("sha256").getAsString().length());
        assertEquals(12000, provenance.getAsJsonObject("dataset").get("train_images").getAsInt());
        assertTrue(provenance.get("kernel").getAsString().length() > 0);
        assertTrue(provenance.get("slope_version").getAsString().matches("\\d+\\.\\d+.*"), provenance.toString());
    }

    @Test
    void searchTakesARangeForAnyNumericSettingAndItsOwnEpochs() {
        JsonObject r = run("search", "--grid", "2", "--lr", "0.05:0.5", "--reg", "1e-4", "--momentum", "0.5:0.9:lin",
                "--update", "momentum", "--epochs", "1", "--out", dir.resolve("s.slope").toString(), "--json", "--quiet");
        assertEquals(4, r.getAsJsonArray("trials").size());
        JsonObject trial = r.getAsJsonArray("trials").get(0).getAsJsonObject().getAsJsonObject("settings");
        assertTrue(trial.has("lr") && trial.has("momentum") && !trial.has("reg"), trial.toString());
        StringWriter help = new StringWriter();
        Main.run(new PrintWriter(help), new PrintWriter(new StringWriter()), "search", "--help");
        assertTrue(help.toString().replaceAll("\\s+", " ").contains("Default here: 5 (slope train's: 8; 200 for batches over 2,048 and the full batch)"), help.toString());
    }
}
