package dev.slope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable examples of {@code docs/examples/} run as README says (the JDK's source launcher, Slope on the class
 * path) and agree with the {@code slope} command on the same data: the same test accuracy, the same predicted classes.
 */
class ExamplesTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path EXAMPLES = REPO.resolve("docs/examples");

    record Ran(int code, String out) {
    }

    static Ran example(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                EXAMPLES.resolve(name + ".java").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), name + " ran for 5 minutes");
        return new Ran(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static double percent(String text, String before) {
        Matcher m = Pattern.compile(Pattern.quote(before) + " ([0-9.]+)%").matcher(text);
        assertTrue(m.find(), "'" + before + " N%' in: " + text);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void everyExampleIsRunHere() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            assertEquals(List.of("FeaturePipeline.java", "PredictImage.java", "TrainAndSave.java"),
                    files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".java")).sorted().toList(),
                    "a new example gets its run in this test");
        }
    }

    @Test
    void trainAndSaveThenPredictAgreeWithTheCommand(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("example.slope");
        Ran trained = example("TrainAndSave", "data/fashion-mnist-small", model.toString());
        assertEquals(0, trained.code(), trained.out());
        CliTest.Run cli = CliTest.slope("train", "--data", REPO.resolve("data/fashion-mnist-small").toString(), "--json",
                "--out", dir.resolve("cli.slope").toString());
        assertEquals(0, cli.code(), cli.err());
        assertEquals(String.format(Locale.ROOT, "%.2f", 100 * cli.json().get("test_accuracy").getAsDouble()),
                String.format(Locale.ROOT, "%.2f", percent(trained.out(), "test accuracy")),
                "the example's run is slope train's with the same defaults");

        List<String> images;
        try (Stream<Path> files = Files.list(REPO.resolve("data/images"))) {
            images = files.filter(f -> f.toString().endsWith(".png")).map(Path::toString).sorted().toList();
        }
        assertEquals(10, images.size(), "one shipped image per class");
        List<String> args = new ArrayList<>(List.of(model.toString()));
        args.addAll(images);
        Ran predicted = example("PredictImage", args.toArray(String[]::new));
        assertEquals(0, predicted.code(), predicted.out());
        List<String> cliArgs = new ArrayList<>(List.of("predict", "--model", model.toString(), "--json"));
        cliArgs.addAll(images);
        CliTest.Run cliPredicted = CliTest.slope(cliArgs.toArray(String[]::new));
        assertEquals(0, cliPredicted.code(), cliPredicted.err());
        JsonArray rows = cliPredicted.json().getAsJsonArray("predictions");
        int right = 0;
        for (int i = 0; i < images.size(); i++) {
            JsonObject row = rows.get(i).getAsJsonObject();
            String line = images.get(i) + ": " + row.get("class").getAsString() + " (probability ";
            assertTrue(predicted.out().contains(line), line + " in " + predicted.out());
            right += Path.of(images.get(i)).getFileName().toString().startsWith(row.get("label").getAsInt() + "-") ? 1 : 0;
        }
        assertTrue(right >= 8, "the shipped images are the classes their names say: " + right + " of 10");
    }

    @Test
    void featuresBeatPixels() throws Exception {
        Ran ran = example("FeaturePipeline");
        assertEquals(0, ran.code(), ran.out());
        assertTrue(percent(ran.out(), "hog,pixels") > percent(ran.out(), ", pixels") + 2, ran.out());
    }
}
