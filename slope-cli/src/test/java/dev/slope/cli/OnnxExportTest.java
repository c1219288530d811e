package dev.slope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.slope.References;
import dev.slope.data.Datasets;
import dev.slope.data.ImageSet;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slope export} against ONNX Runtime (Java API, its own native kernels: an independent computation): on the
 * shipped PNGs and the shipped subset's 2,000 test images, the labels of the exported graph are {@code slope
 * predict}'s, the probabilities equal within 1e-4 relative (above 0.01; below, 1e-6 absolute) and the scores within
 * 1e-4 of max(|score|, 1); the ONNX checker of Debian's python3-onnx accepts
 * the file; pipelines that ONNX cannot express are refused by name.
 */
class OnnxExportTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    @TempDir
    static Path dir;

    @BeforeAll
    static void home() {
        System.setProperty("slope.home", REPO.toString());
    }

    static Path trained(String name, String... settings) {
        List<String> args = new ArrayList<>(List.of("train", "--epochs", "2", "--quiet", "--out",
                dir.resolve(name + ".slope").toString()));
        args.addAll(List.of(settings));
        CliTest.Run r = CliTest.slope(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return dir.resolve(name + ".slope");
    }

    static Path exported(Path model) {
        CliTest.Run r = CliTest.slope("export", "--model", model.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Path onnx = Path.of(r.json().get("out").getAsString());
        assertTrue(Files.isRegularFile(onnx), onnx.toString());
        return onnx;
    }

    /** The model's outputs by ONNX Runtime for N images of H×W×C bytes. */
    static Map<String, float[][]> run(Path onnx, byte[] pixels, long n, long h, long w, long c) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
             OnnxTensor image = OnnxTensor.createTensor(env, ByteBuffer.wrap(pixels), new long[] {n, h, w, c},
                     OnnxJavaType.UINT8);
             OrtSession.Result result = session.run(Map.of("image", image))) {
            long[] labels = (long[]) result.get("label").orElseThrow().getValue();
            float[][] label = new float[labels.length][1];
            for (int i = 0; i < labels.length; i++) {
                label[i][0] = labels[i];
            }
            String outputName = session.getOutputNames().contains("probabilities") ? "probabilities" : "scores";
            return Map.of("label", label, "outputs", (float[][]) result.get(outputName).orElseThrow().getValue());
        }
    }

    static void assertSameAsPredict(Path model, Path onnx, JsonArray predictions, byte[] pixels, int n, String key)
            throws Exception {
        Map<String, float[][]> ort = run(onnx, pixels, n, 28, 28, 1);
        assertEquals(n, predictions.size());
        double worst = 0;
        for (int i = 0; i < n; i++) {
            JsonObject row = predictions.get(i).getAsJsonObject();
            assertEquals(row.get("label").getAsInt(), (int) ort.get("label")[i][0], "image " + i + " of " + model);
            JsonArray values = row.getAsJsonArray(key);
            for (int c = 0; c < values.size(); c++) {
                double slope = values.get(c).getAsJsonObject().get(key.equals("probabilities") ? "probability" : "score")
                        .getAsDouble();
                double theirs = ort.get("outputs")[i][c];
                // probabilities relative to themselves (from 0.01: predict prints 6 decimals), scores (SVM margins, O(1))
                // relative to themselves from 1 up: a float sum of 785 products is exact to ~1e-6 of its terms
                double error = Math.abs(slope - theirs) / Math.max(Math.abs(slope), key.equals("probabilities") ? 1e-2 : 1);
                worst = Math.max(worst, error);
            }
        }
        assertTrue(worst <= 1e-4, model + ": largest relative difference " + worst);
    }

    @Test
    void softmaxAndSvmModelsGiveOnnxRuntimeTheSameLabelsAsSlopePredict() throws Exception {
        ImageSet test = Datasets.open(REPO.resolve("data/fashion-mnist-small")).test();
        byte[] all = java.util.Arrays.copyOf(test.pixelBuffer(), test.size() * test.pixelsPerImage());
        for (String loss : List.of("softmax", "svm")) {
            Path model = trained(loss, "--loss", loss);
            Path onnx = exported(model);
            String key = loss.equals("softmax") ? "probabilities" : "scores";
            CliTest.Run predicted = CliTest.slope("predict", "--model", model.toString(), "--json",
                    REPO.resolve("data/fashion-mnist-small").toString(), "--limit", Integer.toString(test.size()));
            assertEquals(0, predicted.code(), predicted.err());
            assertSameAsPredict(model, onnx, predicted.json().getAsJsonArray("predictions"), all, test.size(), key);

            List<String> pngs;
            try (var files = Files.list(REPO.resolve("data/images"))) {
                pngs = files.map(Path::toString).filter(f -> f.endsWith(".png")).sorted().toList();
            }
            List<String> args = new ArrayList<>(List.of("predict", "--model", model.toString(), "--json"));
            args.addAll(pngs);
            CliTest.Run one = CliTest.slope(args.toArray(String[]::new));
            assertEquals(0, one.code(), one.err());
            byte[] pixels = new byte[pngs.size() * 784];
            for (int i = 0; i < pngs.size(); i++) {
                byte[] png = dev.slope.data.ImageFiles.read(Path.of(pngs.get(i)), 28, 28, 1);
                System.arraycopy(png, 0, pixels, i * 784, 784);
            }
            assertSameAsPredict(model, onnx, one.json().getAsJsonArray("predictions"), pixels, pngs.size(), key);
        }
    }

    @Test
    void theFileCarriesTheProvenanceAndPassesTheOnnxChecker() throws Exception {
        Path onnx = exported(trained("checked"));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            assertTrue(meta.get("slope.settings").contains("\"loss\":\"softmax\""), meta.toString());
            assertTrue(meta.get("slope.classes").contains("Ankle boot"), meta.toString());
            assertEquals("slope", session.getMetadata().getProducerName());
        }
        boolean onnxModule = new ProcessBuilder("/usr/bin/python3", "-c", "import onnx").start().waitFor() == 0;
        References.require(onnxModule, "the ONNX checker (python3's onnx module)", "python3-onnx");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import onnx, sys; m = onnx.load(sys.argv[1]);"
                + " onnx.checker.check_model(m, full_check=True); print('ok', m.opset_import[0].version, m.ir_version)",
                onnx.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("ok 17 8", out.strip());
    }

    @Test
    void whatOnnxCannotExpressIsRefusedByName() {
        Path hog = trained("hog", "--features", "hog,pixels", "--hog-cell", "7");
        CliTest.Run r = CliTest.slope("export", "--model", hog.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("computes the features hog,pixels") && r.err().contains("--features pixels"), r.err());
        assertTrue(!Files.exists(dir.resolve("hog.onnx")), "nothing is written");
        CliTest.Run knn = CliTest.slope("knn", "--k", "1", "--limit", "500", "--out", dir.resolve("knn.slope").toString());
        assertEquals(0, knn.code(), knn.err());
        CliTest.Run k = CliTest.slope("export", "--model", dir.resolve("knn.slope").toString());
        assertEquals(1, k.code(), k.err());
        assertTrue(k.err().contains("only linear models export to ONNX"), k.err());
        CliTest.Run format = CliTest.slope("export", "--model", hog.toString(), "--format", "pmml");
        assertEquals(2, format.code());
        assertTrue(format.err().contains("--format 'pmml'"), format.err());
    }
}
