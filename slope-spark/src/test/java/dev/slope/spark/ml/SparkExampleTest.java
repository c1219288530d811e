package dev.slope.spark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's Spark program, {@code docs/examples/spark/SparkPipeline.java}, run as README says (the JDK's source
 * launcher, Spark and slope-spark on the class path, Spark's JVM options): a Pipeline of Slope tuned by CrossValidator,
 * saved, loaded, scoring the test frame.
 */
class SparkExampleTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReadmesSparkProgramRuns(@TempDir Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector"));
        String options = Files.readString(Path.of("target/classes/slope-spark-jvm.txt"), StandardCharsets.UTF_8);
        command.addAll(Arrays.stream(options.trim().split("\\s+")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                REPO.resolve("docs/examples/spark/SparkPipeline.java").toString(), "fashion-mnist-small",
                dir.resolve("model").toString()));
        // output to files, so the deadline holds even if the program hangs without closing its output
        Process p = new ProcessBuilder(command).directory(REPO.toFile()).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        boolean ended = p.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        assertTrue(ended, "the example ran for 5 minutes (a generous deadline: it takes about 35 s here): " + out);
        assertEquals(0, p.exitValue(), out + Files.readString(dir.resolve("err.txt")));
        Matcher m = Pattern.compile("test accuracy ([0-9.]+)%").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Double.parseDouble(m.group(1)) > 78, out);
        assertTrue(Files.exists(dir.resolve("model/stages")), "a PipelineModel folder");
    }
}
